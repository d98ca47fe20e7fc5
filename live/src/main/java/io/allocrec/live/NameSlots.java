package io.allocrec.live;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one scope name did, second by second, over the last few seconds: a ring of one-second
 * slots, each holding the calls that ended in that second, their exact bytes, and the allocation
 * samples they claimed. Memory stays the same however long {@code top} runs.
 */
final class NameSlots {

    /** Exact values to three significant digits: a percentile is within 0.1% of the true one. */
    static final int HISTOGRAM_DIGITS = 3;

    private final long[] seconds;
    private final long[] calls;
    private final long[] exactCalls;
    private final long[] exactBytes;
    private final long[] sampledWeight;
    private final long[] samples;
    private final Histogram[] histograms;
    private long newestSecond = Long.MIN_VALUE;

    NameSlots(int slots) {
        seconds = new long[slots];
        Arrays.fill(seconds, Long.MIN_VALUE);
        calls = new long[slots];
        exactCalls = new long[slots];
        exactBytes = new long[slots];
        sampledWeight = new long[slots];
        samples = new long[slots];
        histograms = new Histogram[slots];
    }

    /** A call that ended in {@code second}; {@code bytes} is its exact figure, or negative when it has none. */
    void call(long second, long bytes) {
        int slot = slot(second);
        if (slot < 0) {
            return;
        }
        calls[slot]++;
        if (bytes >= 0) {
            exactCalls[slot]++;
            exactBytes[slot] += bytes;
            if (histograms[slot] == null) {
                histograms[slot] = new Histogram(HISTOGRAM_DIGITS);
            }
            histograms[slot].recordValue(bytes);
        }
    }

    /** Samples claimed by a call that ended in {@code second}. */
    void sampled(long second, long weight, int count) {
        int slot = slot(second);
        if (slot < 0) {
            return;
        }
        sampledWeight[slot] += weight;
        samples[slot] += count;
    }

    long newestSecond() {
        return newestSecond;
    }

    /** The figures of the seconds from {@code from} (inclusive) to {@code to} (exclusive). */
    ScopeRate window(String name, long from, long to) {
        long callSum = 0;
        long exactCallSum = 0;
        long exactByteSum = 0;
        long weightSum = 0;
        long sampleSum = 0;
        Histogram merged = null;
        for (int slot = 0; slot < seconds.length; slot++) {
            if (seconds[slot] < from || seconds[slot] >= to) {
                continue;
            }
            callSum += calls[slot];
            exactCallSum += exactCalls[slot];
            exactByteSum += exactBytes[slot];
            weightSum += sampledWeight[slot];
            sampleSum += samples[slot];
            if (histograms[slot] != null) {
                if (merged == null) {
                    merged = new Histogram(HISTOGRAM_DIGITS);
                }
                merged.add(histograms[slot]);
            }
        }
        long p99 = merged == null ? -1 : merged.getValueAtPercentile(99);
        return new ScopeRate(name, to - from, callSum, exactCallSum, exactByteSum, p99, weightSum, sampleSum);
    }

    /**
     * The slot of {@code second}, emptied first when it last held an older second; -1 for a second
     * older than the ring holds (the window has long moved past it).
     */
    private int slot(long second) {
        int slot = (int) Math.floorMod(second, (long) seconds.length);
        if (seconds[slot] > second) {
            return -1;
        }
        if (seconds[slot] != second) {
            seconds[slot] = second;
            calls[slot] = 0;
            exactCalls[slot] = 0;
            exactBytes[slot] = 0;
            sampledWeight[slot] = 0;
            samples[slot] = 0;
            if (histograms[slot] != null) {
                histograms[slot].reset();
            }
        }
        newestSecond = Math.max(newestSecond, second);
        return slot;
    }
}
