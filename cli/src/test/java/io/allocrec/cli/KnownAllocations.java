package io.allocrec.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An application for the tests of {@code record --pid}, run as a process of its own: methods whose
 * allocation is known, called on {@value #THREADS} threads, each call counting what it allocated
 * with the thread's allocation counter, read at the start and the end of the method's own body.
 * That is the figure a scope around the method must give, to the byte.
 *
 * <p>On standard input: {@code figures} prints {@code figure NAME CALLS BYTES} per method and
 * {@code wrong N}, the calls whose result was not what the method computes without the agent;
 * {@code calls FROM TO} prints {@code calls NAME N} per method, the calls that ended in the tenths of
 * a second from epoch millisecond FROM to TO (for {@code top}, whose windows are whole seconds);
 * {@code exit} ends it. Argument {@code exit-after SECONDS} ends it by itself.
 */
public final class KnownAllocations {

    static final int THREADS = 3;
    static final String WORK = Work.class.getName();
    static final String BUFFER = Buffer.class.getName();
    /** Scope names, as the agent names them: the order of {@link #bytes}. */
    static final String[] NAMES = {WORK + "::fixed", WORK + "::twoArrays", WORK + "::failing", WORK + "::recursive",
        BUFFER + "::<init>"};

    private static final com.sun.management.ThreadMXBean COUNTER =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final AtomicLongArray calls = new AtomicLongArray(NAMES.length);
    private static final AtomicLongArray bytes = new AtomicLongArray(NAMES.length);
    private static final AtomicLong wrong = new AtomicLong();
    /** Calls per method and tenth of a second, a ring of 300 s (the tests run the application for less). */
    private static final int TENTHS = 3000;
    private static final AtomicLongArray callsByTenth = new AtomicLongArray(NAMES.length * TENTHS);
    private static volatile boolean running = true;
    /** Every array escapes here, so the JIT cannot take an allocation away (escape analysis) and the shape stays fixed. */
    static volatile Object sink;

    private KnownAllocations() {
    }

    static void count(int method, long before) {
        long allocated = COUNTER.getCurrentThreadAllocatedBytes() - before;
        calls.incrementAndGet(method);
        bytes.addAndGet(method, allocated);
        callsByTenth.incrementAndGet(method * TENTHS + (int) (System.currentTimeMillis() / 100 % TENTHS));
    }

    static long now() {
        return COUNTER.getCurrentThreadAllocatedBytes();
    }

    /** The methods the tests scope. */
    static final class Work {
        /** Thrown without allocating: made once, with no stack trace. */
        static final IllegalStateException FAILURE = new IllegalStateException("expected") {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };

        private Work() {
        }

        /** One byte[1000]: 1,016 bytes with compressed class pointers. */
        static int fixed(int seed) {
            long before = now();
            byte[] data = new byte[1000];
            sink = data;
            data[seed % data.length] = (byte) seed;
            int result = data[seed % data.length] + data.length;
            count(0, before);
            return result;
        }

        /** An int[64] and a long[64]. */
        static long twoArrays(int seed) {
            long before = now();
            int[] ints = new int[64];
            long[] longs = new long[64];
            sink = ints;
            sink = longs;
            ints[seed & 63] = seed;
            longs[seed & 63] = seed;
            long result = ints[seed & 63] + longs[seed & 63];
            count(1, before);
            return result;
        }

        /** A byte[500], then a throw: the scope records calls that end by throwing. */
        static int failing(int seed) {
            long before = now();
            byte[] data = new byte[500];
            sink = data;
            data[0] = (byte) seed;
            count(2, before);
            throw FAILURE;
        }

        /**
         * A byte[100] at each of {@code depth + 1} levels: nested scopes of one name. Only the innermost level is
         * counted: the others hold the scopes nested in them, whose bookkeeping exists only when scoped.
         */
        static int recursive(int depth) {
            long before = now();
            byte[] data = new byte[100];
            sink = data;
            int result = depth == 0 ? data.length : data.length + recursive(depth - 1);
            if (depth == 0) {
                count(3, before);
            }
            return result;
        }
    }

    /** A constructor that allocates a byte[200]. */
    static final class Buffer {
        final byte[] data;

        Buffer(int seed) {
            long before = now();
            data = new byte[200];
            sink = data;
            data[0] = (byte) seed;
            count(4, before);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("exit-after")) {
            Thread stopper = new Thread(() -> {
                sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(args[1])));
                System.exit(0);
            });
            stopper.setDaemon(true);
            stopper.start();
        }
        for (int i = 0; i < THREADS; i++) {
            Thread worker = new Thread(KnownAllocations::work, "known-allocations-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            if (line.equals("figures")) {
                printFigures();
            } else if (line.startsWith("calls ")) {
                String[] words = line.split(" ");
                printCalls(Long.parseLong(words[1]), Long.parseLong(words[2]));
            }
        }
        running = false;
    }

    private static void printFigures() {
        StringBuilder figures = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            figures.append("figure ").append(NAMES[i]).append(' ').append(calls.get(i)).append(' ').append(bytes.get(i))
                    .append('\n');
        }
        figures.append("wrong ").append(wrong.get()).append('\n');
        System.out.print(figures);
        System.out.flush();
    }

    private static void printCalls(long fromMillis, long toMillis) {
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            long sum = 0;
            for (long tenth = fromMillis / 100; tenth < toMillis / 100; tenth++) {
                sum += callsByTenth.get(i * TENTHS + (int) (tenth % TENTHS));
            }
            printed.append("calls ").append(NAMES[i]).append(' ').append(sum).append('\n');
        }
        System.out.print(printed);
        System.out.flush();
    }

    /** Calls every method, checking each result against what it computes; a little sleep keeps the load light. */
    private static void work() {
        for (int seed = 1; running; seed++) {
            check(Work.fixed(seed) == (byte) seed + 1000);
            check(Work.twoArrays(seed) == 2L * seed);
            try {
                Work.failing(seed);
                check(false);
            } catch (IllegalStateException e) {
                check(e == Work.FAILURE);
            }
            check(Work.recursive(3) == 400);
            check(new Buffer(seed).data[0] == (byte) seed);
            if (seed % 50 == 0) {
                sleep(1);
            }
        }
    }

    private static void check(boolean right) {
        if (!right) {
            wrong.incrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
