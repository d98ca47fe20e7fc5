package io.allocrec.junit;

import java.util.List;

/**
 * The allocation stacks of one thread in a recording, heaviest first, as {@link RecordedStacks}
 * reads them. A plain value: it needs no JFR classes, so it is safe to load where JFR is absent.
 *
 * @param shares       one entry per distinct stack and allocated class, heaviest first
 * @param samples      the samples counted
 * @param sampledBytes their total weight
 */
record TopStacks(List<StackShare> shares, int samples, long sampledBytes) {

    /**
     * One stack's part of the samples.
     *
     * @param allocatedClass the class of the objects whose allocation was sampled, as Java writes it
     * @param frames         innermost first, each as {@code class.method line N}
     * @param bytes          the samples' total weight
     * @param samples        how many samples
     */
    record StackShare(String allocatedClass, List<String> frames, long bytes, int samples) {
    }
}
