package io.allocrec.harness;

import io.allocrec.exit.ExitCodes;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The entry point of a JVM that {@code record}'s timing phase runs in ({@link TimingPhase}
 * starts one per scenario): makes the same inputs from the same seed, loads the same scenarios,
 * runs {@link TimingRunner} on the one whose index is {@code --timed} and writes what it measures
 * to standard output, one line per fact, for the recording JVM to commit as events. Not a command
 * for users.
 *
 * <p>Lines, fields separated by tabs: {@code started I N OP}, {@code measured I N OP WARMUPS
 * ELEMENTS V1 V2 ...} (nanoseconds per element of each iteration), {@code done I NANOS}, and on
 * failure {@code failure MESSAGE} (then exit 3). The scenario's own output goes to standard
 * error, so that it cannot break the protocol.
 */
final class TimingFork {

    static final String STARTED = "started";
    static final String MEASURED = "measured";
    static final String DONE = "done";
    static final String FAILURE = "failure";

    private TimingFork() {
    }

    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, String> options = options(args);
        try (UserScenarios user = UserScenarios.load(options.get("classpath"), list(options.get("scenario-classes")))) {
            List<KeyValueScenario<?>> scenarios = new ArrayList<>(Scenarios.builtIn(list(options.get("scenarios"))));
            scenarios.addAll(user.scenarios());
            KeyValueInputs inputs = KeyValueInputs.generate(Integer.parseInt(options.get("inputs")),
                    Long.parseLong(options.get("seed")));
            TimingRunner.Plan plan = new TimingRunner.Plan(
                    list(options.get("sizes")).stream().map(Integer::valueOf).toList(),
                    Integer.parseInt(options.get("iterations")), Long.parseLong(options.get("iteration-nanos")),
                    Long.parseLong(options.get("warmup-nanos")));
            int timed = Integer.parseInt(options.get("timed"));
            new TimingRunner(inputs, plan).run(timed, scenarios.get(timed), new LineWriter(protocol));
        } catch (ScenarioFailure e) {
            protocol.println(FAILURE + "\t" + e.getMessage());
            System.exit(ExitCodes.SCENARIO_BROKEN);
        } catch (OutOfMemoryError e) {
            System.err.println("allocrec record: the timing JVM ran out of heap");
            System.exit(ExitCodes.OUT_OF_MEMORY);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Arguments as {@code --name value} pairs. */
    static List<String> arguments(Map<String, String> options) {
        List<String> args = new ArrayList<>();
        options.forEach((name, value) -> {
            args.add("--" + name);
            args.add(value);
        });
        return args;
    }

    static String joined(List<?> values) {
        StringJoiner joiner = new StringJoiner(",");
        values.forEach(value -> joiner.add(value.toString()));
        return joiner.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private record LineWriter(PrintStream out) implements TimingRunner.Listener {

        @Override
        public void started(int scenario, int size, String operation) {
            out.println(STARTED + "\t" + scenario + "\t" + size + "\t" + operation);
        }

        @Override
        public void measured(int scenario, int size, String operation, TimingRunner.Measured measured) {
            StringBuilder line = new StringBuilder(MEASURED).append('\t').append(scenario).append('\t').append(size)
                    .append('\t').append(operation).append('\t').append(measured.warmupIterations())
                    .append('\t').append(measured.elementsPerIteration());
            for (double value : measured.nanosPerElement()) {
                line.append('\t').append(value);
            }
            out.println(line);
        }

        @Override
        public void scenarioDone(int scenario, long nanos) {
            out.println(DONE + "\t" + scenario + "\t" + nanos);
        }
    }
}
