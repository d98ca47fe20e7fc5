package io.allocrec.live;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal {@code top} draws on, when it runs on one: its height, and the key mode in which a
 * single {@code q} ends it without Enter. The mode is changed with {@code stty}, as {@code less}
 * and {@code top} do, and always put back as it was.
 */
final class Terminal {

    private static final File TTY = new File("/dev/tty");

    private String savedMode;

    /** Whether standard input and output are both a terminal (a pipe or a file is not). */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 on, System.console() is there even when redirected; isTerminal() tells.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    /** The terminal's height and width, or 24 by 80 when it cannot tell. */
    static Size size() {
        String size = stty("size");
        String[] parts = size == null ? new String[0] : size.strip().split("\\s+");
        try {
            return parts.length == 2 ? new Size(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])) : Size.DEFAULT;
        } catch (NumberFormatException e) {
            return Size.DEFAULT;
        }
    }

    /** A terminal's size in lines and characters. */
    record Size(int rows, int columns) {
        static final Size DEFAULT = new Size(24, 80);
    }

    /** Makes each key reach the program as it is typed, unechoed; false when the terminal cannot. */
    boolean enterKeyMode() {
        savedMode = stty("-g");
        return savedMode != null && stty("-icanon", "-echo", "min", "1") != null;
    }

    /** Puts the terminal back as {@link #enterKeyMode} found it. */
    void restore() {
        if (savedMode != null) {
            stty(savedMode.strip());
            savedMode = null;
        }
    }

    /** Moves to the top left corner and clears the screen (ANSI). */
    static String clearScreen() {
        return "\033[H\033[2J";
    }

    private static String stty(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "stty";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process process = new ProcessBuilder(command).redirectInput(TTY).redirectErrorStream(true).start();
            String printed;
            try (InputStream in = process.getInputStream()) {
                printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return printed;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
