package io.allocrec.analyzer.cli;

import io.allocrec.analyzer.aggregate.Budget;
import io.allocrec.analyzer.aggregate.BudgetCheck;
import io.allocrec.analyzer.aggregate.BudgetFile;
import io.allocrec.analyzer.load.RecordingProblem;
import io.allocrec.analyzer.pipeline.RecordingAnalysis;
import io.allocrec.analyzer.render.CheckSummary;
import io.allocrec.analyzer.render.OutputFolder;
import io.allocrec.analyzer.render.OutputProblem;
import io.allocrec.analyzer.render.PrintableText;
import io.allocrec.exit.ExitCodes;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allocrec check}: holds the scope names of recordings to allocation budgets, for CI. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Checks each budget of FILE (CSV: scope,metric,limit; metric one of mean_bytes, p99_bytes, total_bytes, "
                    + "calls; limit in bytes or calls) against the recordings, prints each with its figure, and writes "
                    + "DIR/summary.md for a CI job's step summary. Exact figures where every call has one; mean_bytes "
                    + "and total_bytes fall back to sampled estimates, p99_bytes needs exact ones."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every budget holds",
            "1:internal error (a bug: please report it with the stack trace)",
            "2:bad command line, or a budget file that cannot be used (unreadable, bad CSV, an unknown metric or "
                    + "scope name, p99_bytes of a name without exact figures)",
            "3:a recording is missing, empty, not a JFR file, truncated or otherwise unreadable",
            "4:a recording lacks the events the check needs",
            "5:the output folder cannot be created or written",
            "6:not enough heap for the recordings (raise -Xmx, e.g. with ALLOCREC_JAVA_OPTS)",
            "7:a budget is exceeded"},
        footerHeading = "%nExample:%n",
        footer = {"  printf 'scope,metric,limit\\nGET /orders,mean_bytes,65536\\n' > budgets.csv",
            "  ./allocrec check app.jfr --budget budgets.csv --out check/ --scope-event app.Request --label route"})
public final class CheckCommand implements Callable<Integer> {

    static final String SUMMARY_MD = "summary.md";

    @Parameters(arity = "1..*", paramLabel = "RECORDING", description = "Recordings (.jfr) or folders of them, as one.")
    List<Path> recordings;

    @Option(names = "--budget", required = true, paramLabel = "FILE", description = "The budgets: CSV scope,metric,limit.")
    Path budgetFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for summary.md.")
    Path out;

    @Mixin
    ScopeReadingOptions reading = new ScopeReadingOptions();

    private final PrintStream stdout;
    private final PrintStream stderr;

    public CheckCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        if (out.toString().isBlank()) {
            return bad("--out is empty: name a folder for summary.md");
        }
        List<Budget> budgets;
        try (Reader in = Files.newBufferedReader(budgetFile, StandardCharsets.UTF_8)) {
            budgets = BudgetFile.read(in);
        } catch (java.nio.file.NoSuchFileException e) {
            return bad(budgetFile + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            return bad(budgetFile + ": permission denied");
        } catch (IOException e) {
            return bad(budgetFile + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        } catch (BudgetFile.BadBudget e) {
            return bad(budgetFile + ": " + e.getMessage());
        }
        try {
            OutputFolder.checkWritable(out);
            RecordingsReader reader = reading.reader("check", stderr);
            RecordingAnalysis.Result result = reader.read(recordings, reading.selection());
            List<String> warnings = reader.warnOfDataLoss(result).stream().toList();
            List<BudgetCheck> checks;
            try {
                checks = BudgetCheck.of(budgets, result.aggregates().byName());
            } catch (IllegalArgumentException e) {
                return bad(budgetFile + ": " + e.getMessage());
            }
            write(checks, warnings);
            CheckSummary.print(checks, stdout);
            stdout.println("Wrote " + out.resolve(SUMMARY_MD));
            return checks.stream().anyMatch(BudgetCheck::exceeded) ? ExitCodes.WORSE : ExitCodes.OK;
        } catch (RecordingProblem e) {
            return CommandFailure.of("check", e, stderr);
        } catch (OutputProblem e) {
            return CommandFailure.of("check", e, stderr);
        } catch (OutOfMemoryError e) {
            return CommandFailure.outOfMemory("check", stderr);
        }
    }

    private int bad(String problem) {
        stderr.println(PrintableText.of("allocrec check: " + problem));
        return ExitCodes.BAD_COMMAND_LINE;
    }

    private void write(List<BudgetCheck> checks, List<String> warnings) throws OutputProblem {
        try (OutputFolder folder = OutputFolder.open(out)) {
            try (Writer md = new OutputStreamWriter(folder.create(SUMMARY_MD), StandardCharsets.UTF_8)) {
                CheckSummary.writeMarkdown(checks, warnings, md);
            }
            folder.commit();
        } catch (IOException e) {
            throw new OutputProblem(out + ": cannot be written: " + e.getMessage());
        }
    }
}
