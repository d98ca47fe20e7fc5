package io.allocrec.harness;

import io.allocrec.harness.ClassBreakdown.ClassShare;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For each scenario at each size: builds the structure once more, weighs it class by class
 * ({@link ClassBreakdown}) and commits one {@code allocrec.Breakdown} event per class. Runs after
 * the allocation sweep, apart from it: JOL's walk allocates far more than the structure.
 */
final class BreakdownRunner {

    /** One scenario's breakdown at one size. */
    record Breakdown(String scenario, int size, List<ClassShare> classes) {
    }

    private final KeyValueInputs inputs;
    private final List<Integer> sizes;
    private final PrintStream progress;
    /** Scenarios already warned about, so that each gets one warning. */
    private final java.util.Set<String> unweighable = new java.util.HashSet<>();

    BreakdownRunner(KeyValueInputs inputs, List<Integer> sizes, PrintStream progress) {
        this.inputs = inputs;
        this.sizes = sizes;
        this.progress = progress;
    }

    List<Breakdown> run(List<KeyValueScenario<?>> scenarios) {
        // Started only now: JOL attaches an agent to this JVM, which slowed the allocation sweep by some 10%.
        for (String warning : ClassBreakdown.initialise()) {
            progress.println("allocrec record: warning: JOL: " + warning);
        }
        if (!ClassBreakdown.jdkCollectionsOpen()) {
            progress.println("allocrec record: warning: the breakdown by class is ten times slower without "
                    + "--add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.util.concurrent=ALL-UNNAMED");
        }
        List<Breakdown> breakdowns = new ArrayList<>();
        for (KeyValueScenario<?> scenario : scenarios) {
            long started = System.nanoTime();
            for (int n : sizes) {
                Breakdown breakdown = weigh(scenario, n);
                if (breakdown == null) {
                    break;
                }
                commit(breakdown);
                breakdowns.add(breakdown);
            }
            progress.printf(Locale.ROOT, "  %-24s %3d sizes in %5.1f s%n", ScenarioContract.printable(scenario.name()),
                    sizes.size(), (System.nanoTime() - started) / 1e9);
        }
        return breakdowns;
    }

    /** @return the breakdown, or null when JOL cannot weigh this scenario's objects (a warning says why) */
    private <S> Breakdown weigh(KeyValueScenario<S> scenario, int n) {
        S structure = ScenarioContract.build(scenario, inputs, n);
        ScenarioContract.checkSize(scenario, structure, n);
        List<ClassShare> classes;
        try {
            classes = ClassBreakdown.of(structure);
        } catch (RuntimeException e) {
            if (!unweighable.add(scenario.name())) {
                return null;
            }
            progress.println("allocrec record: warning: no breakdown by class of " + ScenarioContract.describe(scenario)
                    + ": JOL: " + ScenarioContract.oneLine(e) + " (record needs -Djdk.attach.allowAttachSelf=true)");
            return null;
        }
        for (ClassShare share : classes) {
            if (share.className().equals(KeyValueInputs.class.getName())) {
                throw holdsInputs(scenario);
            }
        }
        return new Breakdown(scenario.name(), n, classes);
    }

    /**
     * Checks, before anything is measured, that a scenario's structure does not hold the inputs
     * (which would be weighed with it).
     */
    static <S> void checkHoldsNoInputs(KeyValueScenario<S> scenario, KeyValueInputs inputs) {
        S structure = ScenarioContract.build(scenario, inputs, Math.min(100, inputs.count()));
        if (ClassBreakdown.reaches(structure, KeyValueInputs.class)) {
            throw holdsInputs(scenario);
        }
    }

    private static ScenarioFailure holdsInputs(KeyValueScenario<?> scenario) {
        return new ScenarioFailure(ScenarioContract.describe(scenario) + " keeps a reference to the inputs "
                + "(KeyValueInputs) in its structure, which would be weighed with it: store copies of the keys "
                + "and values instead");
    }

    private static void commit(Breakdown breakdown) {
        for (ClassShare share : breakdown.classes()) {
            BreakdownEvent event = new BreakdownEvent();
            if (event.shouldCommit()) {
                event.scenario = breakdown.scenario();
                event.size = breakdown.size();
                event.className = share.className();
                event.instances = share.instances();
                event.bytes = share.bytes();
                event.commit();
            }
        }
    }
}
