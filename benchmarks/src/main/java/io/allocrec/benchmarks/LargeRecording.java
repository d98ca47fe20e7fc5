package io.allocrec.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * Makes the large recording of large-recording.sh: two threads build maps of 2,000 to 20,000
 * entries, each inside a custom duration event ({@code bench.Build}, named map-0 to map-6), while
 * JFR records unthrottled allocation samples. Run with small fixed TLABs so that samples are
 * dense: with {@code -XX:TLABSize=2k -XX:-ResizeTLAB} and 35,000 events, about 17 million
 * samples and 240 MB.
 */
public final class LargeRecording {

    /** A service's own duration event, with no allocrec fields: report takes it with --scope-event. */
    @Name("bench.Build")
    @Label("Build")
    @Category("Benchmark")
    @Description("One map built by the large-recording benchmark.")
    static final class Build extends Event {
        @Label("Name")
        @Description("Which of seven names the build has.")
        String name;
    }

    private static volatile Object sink;

    private LargeRecording() {
    }

    public static void main(String[] args) throws InterruptedException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 35_000;
        Thread[] builders = new Thread[2];
        for (int t = 0; t < builders.length; t++) {
            int seed = t;
            builders[t] = new Thread(() -> build(events / builders.length, seed), "builder-" + t);
            builders[t].start();
        }
        for (Thread builder : builders) {
            builder.join();
        }
    }

    private static void build(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            Build event = new Build();
            event.name = "map-" + (i % 7);
            event.begin();
            int entries = 2_000 + random.nextInt(18_000);
            Map<Long, byte[]> map = new HashMap<>();
            for (int k = 0; k < entries; k++) {
                map.put(random.nextLong(), new byte[16]);
            }
            sink = map;
            event.commit();
        }
    }
}
