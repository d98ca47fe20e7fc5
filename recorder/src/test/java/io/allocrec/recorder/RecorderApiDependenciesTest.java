package io.allocrec.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embeddable API depends on nothing but the JDK (jdeps says so), and the artifact holds
 * nothing but the API package.
 */
class RecorderApiDependenciesTest {

    @Test
    void everyClassIsInTheApiPackage() throws IOException {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> elsewhere = files.filter(Files::isRegularFile)
                    .map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.matches("io/allocrec/recorder/[^/]+\\.class"))
                    .toList();
            assertTrue(elsewhere.isEmpty(), "outside io.allocrec.recorder: " + elsewhere);
        }
    }

    @Test
    void apiPackageUsesOnlyJdkModules() {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes.resolve("io/allocrec/recorder")), "compile first");
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(out),
                "-verbose:package", "--multi-release", "17", "-filter:none", classes.toString());
        assertEquals(0, exit, out.toString());
        // Lines read "io.allocrec.recorder -> <package> <module or 'not found'>".
        List<String> offending = out.toString().lines()
                .map(String::trim)
                .filter(line -> line.startsWith("io.allocrec.recorder ") && line.contains("->"))
                .filter(line -> {
                    String[] parts = line.split("\\s+");
                    String module = parts[parts.length - 1];
                    return !parts[2].equals("io.allocrec.recorder")
                            && !(module.startsWith("java.") || module.startsWith("jdk."));
                })
                .toList();
        assertTrue(out.toString().contains("java.base"), out.toString());
        assertTrue(offending.isEmpty(), "the API package reaches beyond the JDK: " + offending);
    }
}
