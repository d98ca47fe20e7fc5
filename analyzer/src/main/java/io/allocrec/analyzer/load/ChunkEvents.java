package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the analysis takes from one chunk of a recording: per thread its samples and scopes, the
 * collection pauses, which threads started and ended, and which JVM wrote it. Chunks are parsed
 * in parallel, each into one of these, and attributed in order.
 */
public final class ChunkEvents {

    /** Where the chunk sits, for messages: file and chunk number, both from 1. */
    private final String where;
    private final int fileIndex;
    private final Map<String, ThreadBatch> threads = new LinkedHashMap<>();
    private final Map<String, ThreadBatch> tlabThreads = new LinkedHashMap<>();
    private final List<long[]> pauses = new ArrayList<>();
    private final Map<String, Long> threadStarts = new LinkedHashMap<>();
    private final List<String> threadEnds = new ArrayList<>();
    private final Map<String, Long> eventCounts = new TreeMap<>();
    private final Map<String, EventTypeInfo> types = new TreeMap<>();
    private final List<SweepTiming> timings = new ArrayList<>();
    private final List<ClassShare> classShares = new ArrayList<>();
    /** The sizes its threads' batches start at, from earlier chunks; null when not known. */
    private final BatchSizes batchSizes;
    /** Where its batches' columns come from and go back to once attributed; null: made and dropped. */
    private final ColumnPool columns;
    private String jvm;
    private String leftToJmc;
    private long allocationSamples;
    private long tlabEvents;
    private long scopesWithDuration;
    private long dataLosses;
    private long lostAtLeast;
    private long startNanos = Long.MAX_VALUE;
    private long endNanos = Long.MIN_VALUE;

    ChunkEvents(String where, int fileIndex) {
        this(where, fileIndex, null, null);
    }

    /**
     * @param batchSizes the sizes of the threads' batches in earlier chunks, which this one's also go into
     * @param columns    the pool the batches' columns come from, to go back by {@link #release()}
     */
    ChunkEvents(String where, int fileIndex, BatchSizes batchSizes, ColumnPool columns) {
        this.where = where;
        this.fileIndex = fileIndex;
        this.batchSizes = batchSizes;
        this.columns = columns;
    }

    public String where() {
        return where;
    }

    /**
     * The JVM run that wrote the chunk: threads are the same thread only within one. From
     * {@code jdk.JVMInformation} (process id and start time); a chunk without it is taken as
     * its file's own JVM.
     */
    public String jvm() {
        return jvm != null ? jvm : "file " + fileIndex;
    }

    void jvm(String identity) {
        jvm = identity;
    }

    void timing(SweepTiming timing) {
        timings.add(timing);
    }

    void classShare(ClassShare share) {
        classShares.add(share);
    }

    /** The sweep's timings in this chunk (a sweep has a few hundred at most). */
    public List<SweepTiming> timings() {
        return timings;
    }

    /** The sweep's per-class retained bytes in this chunk. */
    public List<ClassShare> classShares() {
        return classShares;
    }

    ThreadBatch thread(String key, String name) {
        ThreadBatch batch = threads.get(key);
        if (batch == null) {
            int[] before = batchSizes == null ? null : batchSizes.of(key);
            batch = before == null ? new ThreadBatch(name, 0, 0, columns) : new ThreadBatch(name, before[0], before[1], columns);
            threads.put(key, batch);
        }
        return batch;
    }

    ThreadBatch tlabThread(String key, String name) {
        return tlabThreads.computeIfAbsent(key, k -> new ThreadBatch(name));
    }

    void countAllocationSample() {
        allocationSamples++;
    }

    void countTlabEvent() {
        tlabEvents++;
    }

    void pause(long start, long end) {
        pauses.add(new long[] {start, end});
    }

    void threadStart(String key, long time) {
        threadStarts.put(key, time);
    }

    void threadEnd(String key) {
        threadEnds.add(key);
    }

    void eventTime(long time) {
        startNanos = Math.min(startNanos, time);
        endNanos = Math.max(endNanos, time);
    }

    void type(EventTypeInfo info, long count) {
        types.putIfAbsent(info.name(), info);
        if (count > 0) {
            eventCounts.merge(info.name(), count, Long::sum);
        }
    }

    /**
     * Called when the chunk is parsed. Where a chunk has no {@code jdk.ObjectAllocationSample}
     * but has the TLAB allocation events (JDK 8 and 11 profiles, async-profiler), those are its
     * samples; where it has both, the TLAB events are left out so no allocation counts twice.
     */
    void finish() {
        if (allocationSamples == 0 && tlabEvents > 0) {
            tlabThreads.forEach((key, batch) -> {
                ThreadBatch target = threads.computeIfAbsent(key, k -> new ThreadBatch(batch.threadName(), 0, 0, columns));
                for (int i = 0; i < batch.sampleCount(); i++) {
                    target.addSample(batch.sampleTime(i), batch.weight(i), batch.key(i));
                }
            });
        }
        tlabThreads.clear();
        threads.forEach((key, batch) -> {
            batch.sort();
            batch.trim();
            if (batchSizes != null) {
                batchSizes.remember(key, batch.sampleCount(), batch.scopeCount());
            }
        });
    }

    void leftToJmc(String notice) {
        leftToJmc = notice;
    }

    /**
     * Why a chunk of the direct reader's format was read by the JMC parser, as a line for the
     * user ("chunk 3 of FILE read by the JMC parser: REASON"); empty when it was not.
     */
    public java.util.Optional<String> leftToJmc() {
        return java.util.Optional.ofNullable(leftToJmc);
    }

    /** @param bytes a jdk.DataLoss's amount: what JFR dropped at that moment */
    void dataLoss(long bytes) {
        dataLosses++;
        lostAtLeast += Math.max(0, bytes);
    }

    /** The jdk.DataLoss events of the chunk: JFR dropped events it could not write in time. */
    public long dataLosses() {
        return dataLosses;
    }

    /**
     * Their amounts added up: the least the loss can be, as an event that reports a loss can be
     * dropped too. (Their running totals are not used: each counts a thread's losses since it
     * started, before the recording or the chunks read as well.)
     */
    public long lostAtLeast() {
        return lostAtLeast;
    }

    void scopesWithDuration(long count) {
        scopesWithDuration = count;
    }

    /** Scope events with a duration above zero: an instant event type, taken as scopes, has none. */
    public long scopesWithDuration() {
        return scopesWithDuration;
    }

    /** Whether this chunk's samples are TLAB events rather than {@code jdk.ObjectAllocationSample}. */
    public boolean samplesFromTlabEvents() {
        return allocationSamples == 0 && tlabEvents > 0;
    }

    public Map<String, ThreadBatch> threads() {
        return threads;
    }

    /** Gives the batches' columns back for the next chunks' batches: this chunk is attributed, and its batches are read no more. */
    public void release() {
        threads.values().forEach(ThreadBatch::release);
    }

    public List<long[]> pauses() {
        return pauses;
    }

    public Map<String, Long> threadStarts() {
        return threadStarts;
    }

    public List<String> threadEnds() {
        return threadEnds;
    }

    public Map<String, Long> eventCounts() {
        return eventCounts;
    }

    public Map<String, EventTypeInfo> types() {
        return types;
    }

    /** The earliest event time seen in the chunk, or Long.MAX_VALUE when it had none. */
    public long startNanos() {
        return startNanos;
    }

    public long endNanos() {
        return endNanos;
    }
}
