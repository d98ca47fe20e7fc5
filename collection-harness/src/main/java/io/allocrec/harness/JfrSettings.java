package io.allocrec.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;

/** Loads a JFR settings file (.jfc): a file the user names, or one of the profiles bundled in the jar. */
public final class JfrSettings {

    /** Where the build puts {@code profiles/*.jfc} inside the jar. */
    private static final String BUNDLED = "/io/allocrec/profiles/";

    private JfrSettings() {
    }

    /** Whether a name (without .jfc) is one of the bundled profiles: allocation or production. */
    public static boolean isBundled(String name) {
        return name.equals("allocation") || name.equals("production");
    }

    /** A bundled profile by file name, such as {@code allocation.jfc}. */
    public static Configuration bundled(String fileName) throws IOException, ParseException {
        InputStream in = JfrSettings.class.getResourceAsStream(BUNDLED + fileName);
        if (in == null) {
            throw new IOException("no bundled JFR profile " + fileName);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return Configuration.create(reader);
        }
    }

    /**
     * A bundled profile written to a temporary file (removed when the JVM exits), for what needs
     * a path: another JVM's {@code -XX:StartFlightRecording:settings=}, say.
     */
    public static Path bundledCopy(String fileName) throws IOException {
        try (InputStream in = JfrSettings.class.getResourceAsStream(BUNDLED + fileName)) {
            if (in == null) {
                throw new IOException("no bundled JFR profile " + fileName);
            }
            // In a folder of its own, so the copy keeps the profile's name, which the output shows.
            Path folder = Files.createTempDirectory("allocrec-");
            folder.toFile().deleteOnExit();
            Path copy = folder.resolve(fileName);
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }

    /** A settings file on disk. */
    public static Configuration file(Path path) throws IOException, ParseException {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return Configuration.create(reader);
        }
    }
}
