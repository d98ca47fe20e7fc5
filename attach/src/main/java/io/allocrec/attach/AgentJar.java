package io.allocrec.attach;

import io.allocrec.agent.AllocrecAgent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code allocrec-agent.jar} is: the jar the agent's classes are loaded from in this tool. */
public final class AgentJar {

    private AgentJar() {
    }

    /** @throws IllegalStateException when the agent's classes come from a folder: the agent jar is not built */
    public static Path locate() {
        try {
            Path location = Path.of(AllocrecAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new IllegalStateException("the agent's classes come from " + location + ", not a jar: build "
                        + "allocrec-agent.jar first (mvn -B package -pl agent -am)");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the agent jar: " + e.getMessage(), e);
        }
    }
}
