package io.allocrec.harness;

import java.util.Locale;

/**
 * Calls a scenario's code and checks what {@link KeyValueScenario} promises: a fresh structure of
 * {@code n} elements, and the stored value for every key looked up. What the scenario throws,
 * and every broken promise, becomes a {@link ScenarioFailure} naming the scenario and the size.
 */
final class ScenarioContract {

    /** How many keys of a structure have their looked-up values compared with the inputs. */
    private static final int KEYS_CHECKED = 1_000;

    private ScenarioContract() {
    }

    /** Builds, turning what the scenario throws, or a {@code null} result, into a failure. */
    static <S> S build(KeyValueScenario<S> scenario, KeyValueInputs inputs, int n) {
        S structure;
        try {
            structure = scenario.build(inputs, n);
        } catch (OutOfMemoryError | InternalError e) {
            throw e;
        } catch (Throwable e) {
            throw new ScenarioFailure(describe(scenario) + " threw while building " + elements(n) + ": " + oneLine(e));
        }
        if (structure == null) {
            throw new ScenarioFailure(describe(scenario) + " returned null for " + elements(n));
        }
        return structure;
    }

    /** Checks that a built structure holds {@code n} elements. */
    static <S> void checkSize(KeyValueScenario<S> scenario, S structure, int n) {
        int size;
        try {
            size = scenario.size(structure);
        } catch (OutOfMemoryError | InternalError e) {
            throw e;
        } catch (Throwable e) {
            throw new ScenarioFailure(describe(scenario) + " threw in size() after building " + elements(n) + ": "
                    + oneLine(e));
        }
        if (size != n) {
            throw new ScenarioFailure(String.format(Locale.ROOT, "%s holds %,d elements after building %s: "
                    + "build(inputs, n) must put the first n pairs in (size() is checked after each build)",
                    describe(scenario), size, elements(n)));
        }
    }

    /**
     * Looks up keys and counts the results; wraps what the scenario throws.
     *
     * @return false when the scenario has no lookup ({@link UnsupportedOperationException})
     */
    static <S> boolean lookUp(KeyValueScenario<S> scenario, S structure, long[] keys, LookupSink sink, int n) {
        try {
            scenario.lookUp(structure, keys, sink);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (OutOfMemoryError | InternalError e) {
            throw e;
        } catch (Throwable e) {
            throw new ScenarioFailure(describe(scenario) + " threw while looking up keys in " + elements(n) + ": "
                    + oneLine(e));
        }
    }

    /**
     * Looks up up to {@value #KEYS_CHECKED} of the first {@code n} keys, spread evenly, and
     * compares each result with the value stored for it; with {@code absent}, also keys the
     * structure does not hold, which must give {@code null}.
     *
     * @return false when the scenario has no lookup
     */
    static <S> boolean checkLookups(KeyValueScenario<S> scenario, S structure, KeyValueInputs inputs, int n,
                                    boolean absent) {
        int checked = Math.min(n, KEYS_CHECKED);
        int missing = absent ? Math.min(inputs.count() - n, 10) : 0;
        long[] keys = new long[checked + missing];
        int[] pairs = new int[checked];
        for (int j = 0; j < checked; j++) {
            pairs[j] = (int) ((long) j * n / checked);
            keys[j] = inputs.key(pairs[j]);
        }
        for (int j = 0; j < missing; j++) {
            keys[checked + j] = inputs.key(n + j);
        }
        LookupSink sink = LookupSink.keeping(keys.length);
        if (!lookUp(scenario, structure, keys, sink, n)) {
            return false;
        }
        if (sink.results() != keys.length) {
            throw new ScenarioFailure(String.format(Locale.ROOT, "%s gave %,d lookup results for %,d keys in %s: "
                    + "lookUp must call sink.accept once per key", describe(scenario), sink.results(), keys.length,
                    elements(n)));
        }
        for (int j = 0; j < checked; j++) {
            byte[] value = sink.kept(j);
            if (value == null || !inputs.isValueOf(pairs[j], value)) {
                throw new ScenarioFailure(String.format(Locale.ROOT, "%s looked up key %d (pair #%,d of %s) and gave %s",
                        describe(scenario), keys[j], pairs[j], elements(n),
                        value == null ? "null, not the value stored for it" : "a value that is not the one stored for it"));
            }
        }
        for (int j = checked; j < keys.length; j++) {
            if (sink.kept(j) != null) {
                throw new ScenarioFailure(String.format(Locale.ROOT, "%s looked up key %d, which it does not hold "
                        + "(%s), and gave a value, not null", describe(scenario), keys[j], elements(n)));
            }
        }
        return true;
    }

    /**
     * Before anything is measured: builds at a few small sizes, twice each (two calls must give
     * two structures), and checks the sizes and lookups, absent keys included.
     *
     * @return whether the scenario has a lookup
     */
    static <S> boolean preflight(KeyValueScenario<S> scenario, KeyValueInputs inputs) {
        boolean hasLookup = true;
        for (int n : new int[] {1, 2, 100, 2_000}) {
            if (n > inputs.count()) {
                break;
            }
            S first = build(scenario, inputs, n);
            S second = build(scenario, inputs, n);
            if (first == second) {
                throw new ScenarioFailure(describe(scenario) + " returned the same object from two builds of "
                        + elements(n) + ": build must make a new structure each time");
            }
            checkSize(scenario, first, n);
            checkSize(scenario, second, n);
            hasLookup = checkLookups(scenario, first, inputs, n, true) && hasLookup;
        }
        return hasLookup;
    }

    /** A scenario's name as messages show it: quoted, control characters replaced. */
    static String describe(CollectionScenario scenario) {
        return "scenario '" + printable(scenario.name()) + "'";
    }

    static String elements(int n) {
        return String.format(Locale.ROOT, "%,d element%s", n, n == 1 ? "" : "s");
    }

    /** An exception as one line: its class and message, control characters (line breaks) replaced. */
    static String oneLine(Throwable e) {
        return printable(e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage());
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
