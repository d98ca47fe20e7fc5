package io.allocrec.benchmarks.estimate;

import io.allocrec.analyzer.cli.ReportCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The estimator's evaluation: runs each workload in a fresh JVM per seed, recorded as the workload
 * says, reports on the recording with the workload's own scope events (no byte figure: the report
 * has samples alone) and scores every name's figure and interval against the exact bytes.
 *
 * <p>{@code EstimateSuite OUT_DIR SECONDS SEEDS evaluated|calibration|WORKLOAD...}, e.g.
 * {@code EstimateSuite /tmp/estimate 12 1,2 evaluated}. A recording already in OUT_DIR is reused.
 * Prints the table and writes {@code results.csv}.
 */
public final class EstimateSuite {

    private final Path folder;
    private final double seconds;
    private final Path profiles;

    EstimateSuite(Path folder, double seconds, Path profiles) {
        this.folder = folder;
        this.seconds = seconds;
        this.profiles = profiles;
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        long[] seeds = java.util.Arrays.stream(args[2].split(",")).mapToLong(Long::parseLong).toArray();
        List<Workload> workloads = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "evaluated" -> workloads.addAll(List.of(Workload.EVALUATED));
                case "calibration" -> workloads.addAll(List.of(Workload.CALIBRATION));
                default -> workloads.add(Workload.named(args[i]));
            }
        }
        Files.createDirectories(folder);
        EstimateSuite suite = new EstimateSuite(folder, seconds, findProfiles());
        List<NameResult> results = new ArrayList<>();
        for (Workload workload : workloads) {
            for (long seed : seeds) {
                results.addAll(suite.run(workload, seed));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(NameResult.HEADER);
        results.forEach(result -> lines.add(result.csv()));
        Files.write(folder.resolve("results.csv"), lines);
        System.out.println(CoverageTable.details(results));
        System.out.println();
        System.out.print(CoverageTable.markdown(results));
    }

    /** The repository's profiles folder, from the working directory or its parent. */
    static Path findProfiles() {
        for (Path candidate : List.of(Path.of("profiles"), Path.of("../profiles"))) {
            if (Files.isRegularFile(candidate.resolve("production.jfc"))) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("run from the repository or a module: no profiles/production.jfc");
    }

    /** Records (unless already recorded), reports and scores one run. */
    List<NameResult> run(Workload workload, long seed) throws IOException, InterruptedException {
        String run = workload.name() + "-" + seed;
        Path recording = folder.resolve(run + ".jfr");
        Path truth = folder.resolve(run + ".truth.csv");
        if (!Files.exists(recording) || !Files.exists(truth)) {
            record(workload, seed, recording, truth);
        }
        Path out = folder.resolve(run + "-report");
        report(workload, recording, out);
        return score(workload, seed, truth, out.resolve("scopes.csv"));
    }

    private void record(Workload workload, long seed, Path recording, Path truth) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        if (!workload.byAsyncProfiler()) {
            command.add("-XX:StartFlightRecording:filename=" + recording + ",settings="
                    + profiles.resolve(workload.recording()));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EstimateWorkload.class.getName(),
                workload.name(), Long.toString(seed), Double.toString(seconds), truth.toString()));
        if (workload.byAsyncProfiler()) {
            command.add(recording.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(workload.name() + "-" + seed + ".log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("workload " + workload.name() + " seed " + seed + " failed: see its .log");
        }
    }

    private static void report(Workload workload, Path recording, Path out) {
        String type = workload.byAsyncProfiler() ? "profiler.Span" : "bench.Operation";
        String label = workload.byAsyncProfiler() ? "tag" : "name";
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int exit = new CommandLine(new ReportCommand(quiet, System.err)).execute(recording.toString(),
                "--scope-event", type, "--label", label, "--group-by", "name", "--out", out.toString());
        if (exit != 0) {
            throw new IllegalStateException("report on " + recording + " exited " + exit);
        }
    }

    private static List<NameResult> score(Workload workload, long seed, Path truth, Path scopes) throws IOException {
        Map<String, String[]> reported = new HashMap<>();
        List<String> lines = Files.readAllLines(scopes);
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            reported.put(fields[0], fields);
        }
        List<NameResult> results = new ArrayList<>();
        for (String line : Files.readAllLines(truth).subList(1, Files.readAllLines(truth).size())) {
            String[] exact = line.split(",");
            String[] row = reported.get(exact[0]);
            if (row == null) {
                throw new IllegalStateException(scopes + " has no row for " + exact[0]);
            }
            String high = row[header.indexOf("sampled_bytes_high")];
            results.add(new NameResult(workload.name(), seed, exact[0], Long.parseLong(exact[2]),
                    Long.parseLong(row[header.indexOf("sampled_bytes")]), Long.parseLong(row[header.indexOf("sampled_bytes_low")]),
                    high.isEmpty() ? -1 : Long.parseLong(high), row[header.indexOf("sampled_interval")].equals("proven"),
                    Long.parseLong(row[header.indexOf("samples")]), Long.parseLong(row[header.indexOf("landed_sample_weight")])));
        }
        return results;
    }
}
