package io.allocrec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What the build wrote into {@code build.properties}: the version and each command's JVM options. */
final class BuildInfo implements IVersionProvider {

    private static final Properties PROPERTIES = load();

    static String version() {
        return PROPERTIES.getProperty("version");
    }

    /** The JVM options the build defines for a command, or none. */
    static List<String> jvmOptions(String command) {
        String options = PROPERTIES.getProperty("jvm." + command, "").trim();
        return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
    }

    /** Below how many bytes of input the reading commands add their small-input options. */
    static long smallInputBytes() {
        return Long.parseLong(PROPERTIES.getProperty("small-input.bytes", "0").trim());
    }

    @Override
    public String[] getVersion() {
        return new String[] {"allocrec " + version(),
                "JVM: ${java.vm.name} ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing: the jar was not built by Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
