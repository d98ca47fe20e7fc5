package io.allocrec.analyzer;

/** {@link ReportRun} as a process of its own, for a test that must run the report somewhere else (a mount namespace, say). */
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) {
        ReportRun run = ReportRun.of(args);
        System.out.print(run.out());
        System.err.print(run.err());
        System.exit(run.exitCode());
    }
}
