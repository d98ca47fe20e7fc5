package io.allocrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The output folder of a command made of others, created before they run. */
final class OutputFolders {

    private OutputFolders() {
    }

    /** Creates the folder, or says in one line why not and returns false. */
    static boolean create(Path folder, String command, PrintStream err) {
        try {
            Files.createDirectories(folder);
            return true;
        } catch (IOException e) {
            err.println("allocrec " + command + ": cannot create " + folder + ": " + e.getMessage());
            return false;
        }
    }
}
