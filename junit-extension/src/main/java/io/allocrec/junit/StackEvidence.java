package io.allocrec.junit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What JFR told about where an over-budget run's bytes went, or why it told nothing: the second
 * part of a failure message. This class touches no JFR class, so it loads where JFR is absent.
 */
final class StackEvidence {

    /** System property (for the annotation, also a JUnit configuration parameter): the folder. */
    static final String FOLDER = "allocrec.junit.dir";
    static final String DEFAULT_FOLDER = "target/allocrec-junit";
    private static final int SHOWN_STACKS = 3;

    private final TopStacks stacks;
    private final Path kept;
    private final String source;
    private final String note;

    private StackEvidence(TopStacks stacks, Path kept, String source, String note) {
        this.stacks = stacks;
        this.kept = kept;
        this.source = source;
        this.note = note;
    }

    /**
     * Stacks JFR sampled.
     *
     * @param stacks at least one share
     * @param kept   the recording left on disk
     * @param source where the samples come from, as a phrase, e.g. "during the test method"
     * @return the evidence
     */
    static StackEvidence sampled(TopStacks stacks, Path kept, String source) {
        return new StackEvidence(stacks, kept, source, "");
    }

    /**
     * The same evidence with a sentence after the stacks.
     *
     * @param sentence empty for none
     * @return the evidence with the note
     */
    StackEvidence withNote(String sentence) {
        return new StackEvidence(stacks, kept, source, sentence);
    }

    /**
     * No stacks, and why.
     *
     * @param why a sentence or two
     * @return the evidence
     */
    static StackEvidence none(String why) {
        return new StackEvidence(null, null, "", why);
    }

    /**
     * Why JFR cannot record in this JVM, if it cannot.
     *
     * @return empty where it can
     */
    static Optional<String> whyNoJfr() {
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            return Optional.of("JFR is not in this Java runtime (no jdk.jfr module).");
        }
        return AllocationRecording.isAvailable() ? Optional.empty()
                : Optional.of("JFR is not available in this JVM.");
    }

    /**
     * The file a failing run's recording is kept in.
     *
     * @param folder   the configured folder, or empty for {@value #DEFAULT_FOLDER}
     * @param baseName the test's name, e.g. {@code com.example.OrderTest.handles}
     * @return the file, {@code <folder>/<baseName>.jfr}, with unusual characters replaced
     */
    static Path file(Optional<String> folder, String baseName) {
        String safe = baseName.replaceAll("[^A-Za-z0-9._$\\[\\]-]", "_");
        return Path.of(folder.filter(f -> !f.isBlank()).orElse(DEFAULT_FOLDER)).resolve(safe + ".jfr");
    }

    @Override
    public String toString() {
        if (stacks == null) {
            return note;
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Top allocating stacks (sampled by JFR, so the shares are estimates: %s %s;"
                        + " recording kept at %s):",
                OverBudget.count(stacks.samples(), "sample"), source, kept.toAbsolutePath()));
        int shown = Math.min(SHOWN_STACKS, stacks.shares().size());
        long rest = stacks.sampledBytes();
        for (TopStacks.StackShare share : stacks.shares().subList(0, shown)) {
            rest -= share.bytes();
            text.append(String.format(Locale.ROOT, "\n  %s of the sampled bytes (%s): %s",
                    percent(share.bytes()), OverBudget.count(share.samples(), "sample"),
                    share.allocatedClass()));
            for (String frame : share.frames()) {
                text.append("\n      at ").append(frame);
            }
        }
        int others = stacks.shares().size() - shown;
        if (others > 0) {
            text.append(String.format(Locale.ROOT, "\n  %s of the sampled bytes: %s",
                    percent(rest), OverBudget.count(others, "other stack")));
        }
        if (!note.isEmpty()) {
            text.append("\n").append(note);
        }
        return text.toString();
    }

    private String percent(long bytes) {
        double share = 100.0 * bytes / Math.max(1, stacks.sampledBytes());
        return share < 1 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", share);
    }
}
