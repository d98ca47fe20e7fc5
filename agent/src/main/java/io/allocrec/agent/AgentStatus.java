package io.allocrec.agent;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the agent did, written for the tool that loaded it ({@code record --pid} reads it after
 * {@code loadAgent} returns: an agent cannot return a value). A properties file:
 * {@code result} is {@code installed}, {@code removed}, {@code nothing} or {@code failed};
 * {@code error} says why it failed; {@code filter.N} and {@code methods.N} give each filter and the
 * methods it scoped; {@code transform-error.N} the classes that could not be transformed.
 */
public final class AgentStatus {

    private AgentStatus() {
    }

    static void installed(Path file, ScopeCounts counts) {
        Properties status = new Properties();
        status.setProperty("result", "installed");
        for (int i = 0; i < counts.filters().size(); i++) {
            status.setProperty("filter." + i, counts.filters().get(i).text());
            status.setProperty("methods." + i, Long.toString(counts.methods(i)));
        }
        for (int i = 0; i < counts.errors().size(); i++) {
            status.setProperty("transform-error." + i, counts.errors().get(i));
        }
        write(file, status);
    }

    static void ended(Path file, String result, String error) {
        Properties status = new Properties();
        status.setProperty("result", result);
        if (error != null) {
            status.setProperty("error", error);
        }
        write(file, status);
    }

    /** Reads a status file written by the agent. */
    public static Properties read(Path file) throws IOException {
        Properties status = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            status.load(in);
        }
        return status;
    }

    private static void write(Path file, Properties status) {
        if (file == null) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            status.store(out, "allocrec agent");
        } catch (IOException e) {
            AllocrecAgent.log("cannot write its status to " + file + ": " + e.getMessage());
        }
    }
}
