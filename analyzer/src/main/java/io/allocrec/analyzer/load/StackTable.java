package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct stack traces of a recording's allocation samples, and the distinct (allocated
 * class, stack) pairs, each numbered so that a sample needs one int for both. A stack is a list
 * of (method, line) pairs, allocating frame first; a frame's text is only made when a report
 * shows it. Shared by the threads that parse chunks; memory grows with the distinct stacks, not
 * with the samples.
 */
public final class StackTable {

    /** Stack id of a sample without a stack trace. */
    public static final int NO_STACK = -1;

    private final StringIds classes = new StringIds();
    private final StringIds methods = new StringIds();
    private final BitSet applicationMethods = new BitSet();
    private final ConcurrentHashMap<FrameList, Integer> stackIds = new ConcurrentHashMap<>();
    private final List<int[]> stacks = new ArrayList<>();
    private final LongIntMap keyIds = new LongIntMap(1024);
    private final List<long[]> keys = new ArrayList<>();

    public StringIds classes() {
        return classes;
    }

    /** Numbers a method ("package.Class.method"), remembering whether it is application code ({@link ApplicationFrames}). */
    int method(String description, boolean application) {
        int id = methods.id(description);
        if (application) {
            synchronized (applicationMethods) {
                applicationMethods.set(id);
            }
        }
        return id;
    }

    /** A method's text by its id, "package.Class.method". */
    public String methodName(int methodId) {
        return methods.name(methodId);
    }

    /** @param methodsAndLines method id and line number of each frame, allocating frame first */
    int stack(int[] methodsAndLines) {
        FrameList list = new FrameList(methodsAndLines);
        Integer id = stackIds.get(list);
        if (id != null) {
            return id;
        }
        synchronized (stacks) {
            return stackIds.computeIfAbsent(list, key -> {
                stacks.add(key.frames);
                return stacks.size() - 1;
            });
        }
    }

    /** How many frames a stack has; 0 for {@link #NO_STACK}. */
    public int depth(int stackId) {
        return stackId == NO_STACK ? 0 : stack(stackId).length / 2;
    }

    /** A frame as text, "package.Class.method:line"; frame 0 is the allocating one. */
    public String frame(int stackId, int frame) {
        int[] stack = stack(stackId);
        String method = methods.name(stack[2 * frame]);
        int line = stack[2 * frame + 1];
        return line < 0 ? method : method + ":" + line;
    }

    /**
     * The ids of a stack's methods, allocating frame first, whose {@link #methodName}s
     * ("package.Class.method", without the line) are what a flame graph merges on.
     */
    public int[] methodIds(int stackId) {
        int[] stack = stack(stackId);
        int[] methods = new int[stack.length / 2];
        for (int frame = 0; frame < methods.length; frame++) {
            methods[frame] = stack[2 * frame];
        }
        return methods;
    }

    public boolean isApplicationFrame(int stackId, int frame) {
        int method = stack(stackId)[2 * frame];
        synchronized (applicationMethods) {
            return applicationMethods.get(method);
        }
    }

    /**
     * The frame a user can change: the first application frame of the stack (the JDK's rule for
     * "top application frame"), or the allocating frame when every frame is the JDK's; -1 without
     * a stack.
     */
    public int topApplicationFrame(int stackId) {
        int depth = depth(stackId);
        for (int frame = 0; frame < depth; frame++) {
            if (isApplicationFrame(stackId, frame)) {
                return frame;
            }
        }
        return depth == 0 ? -1 : 0;
    }

    private int[] stack(int stackId) {
        synchronized (stacks) {
            return stacks.get(stackId);
        }
    }

    /** One id for an allocated class and the stack that allocated it. */
    int key(int classId, int stackId) {
        long pair = ((long) classId << 32) | (stackId & 0xFFFFFFFFL);
        synchronized (keys) {
            int id = keyIds.get(pair, -1);
            if (id < 0) {
                id = keys.size();
                keys.add(new long[] {classId, stackId});
                keyIds.put(pair, id);
            }
            return id;
        }
    }

    public int classOf(int key) {
        synchronized (keys) {
            return (int) keys.get(key)[0];
        }
    }

    public int stackOf(int key) {
        synchronized (keys) {
            return (int) keys.get(key)[1];
        }
    }

    private record FrameList(int[] frames) {
        @Override
        public boolean equals(Object other) {
            return other instanceof FrameList list && Arrays.equals(frames, list.frames);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(frames);
        }

        @Override
        public String toString() {
            return Arrays.toString(frames);
        }
    }
}
