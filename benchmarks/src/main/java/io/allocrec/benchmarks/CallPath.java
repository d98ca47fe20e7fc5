package io.allocrec.benchmarks;

import java.util.SplittableRandom;

/**
 * The call stack an endpoint's allocations are made under: a fixed, seeded sequence of calls
 * through five layer classes, one frame each, so that every endpoint has stacks of its own shape
 * and depth. Production stacks are deep and mostly made of a few framework methods recurring in
 * different orders; that is what makes stack-trace pools large and frames hard to tell apart.
 */
final class CallPath {

    /** One frame of the path; each layer calls the next one of the path, and the last runs the work. */
    private interface Layer {
        void call(CallPath path, int level, int end, Runnable work);
    }

    private static final class Controller implements Layer {
        @Override
        public void call(CallPath path, int level, int end, Runnable work) {
            path.next(level, end).call(path, level + 1, end, work);
        }
    }

    private static final class Filter implements Layer {
        @Override
        public void call(CallPath path, int level, int end, Runnable work) {
            path.next(level, end).call(path, level + 1, end, work);
        }
    }

    private static final class Interceptor implements Layer {
        @Override
        public void call(CallPath path, int level, int end, Runnable work) {
            path.next(level, end).call(path, level + 1, end, work);
        }
    }

    private static final class Service implements Layer {
        @Override
        public void call(CallPath path, int level, int end, Runnable work) {
            path.next(level, end).call(path, level + 1, end, work);
        }
    }

    private static final class Repository implements Layer {
        @Override
        public void call(CallPath path, int level, int end, Runnable work) {
            path.next(level, end).call(path, level + 1, end, work);
        }
    }

    private static final Layer[] LAYERS = {
        new Controller(), new Filter(), new Interceptor(), new Service(), new Repository()
    };
    private static final Layer WORK = (path, level, end, work) -> work.run();

    private final Layer[] layers;

    /** A path of up to {@code frames} calls, each layer chosen by {@code seed}. */
    CallPath(long seed, int frames) {
        SplittableRandom random = new SplittableRandom(seed);
        layers = new Layer[frames];
        for (int i = 0; i < frames; i++) {
            layers[i] = LAYERS[random.nextInt(LAYERS.length)];
        }
    }

    int frames() {
        return layers.length;
    }

    /** Runs {@code work} under the path's first {@code frames} calls (at most {@link #frames()}). */
    void run(int frames, Runnable work) {
        next(0, frames).call(this, 1, frames, work);
    }

    private Layer next(int level, int end) {
        return level < end ? layers[level] : WORK;
    }
}
