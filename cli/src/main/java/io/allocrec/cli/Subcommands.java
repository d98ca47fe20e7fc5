package io.allocrec.cli;

/** Runs another allocrec command line, for commands made of others ({@code demo}, {@code example-service}). */
@FunctionalInterface
interface Subcommands {

    /** @return the exit code of {@code allocrec ARGS} */
    int run(String... args);
}
