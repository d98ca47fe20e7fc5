package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmc.common.util.MethodToolkit;

/**
 * What a chunk's constant pools say of the threads, classes, methods and stack traces its events
 * refer to, in the words of {@link ChunkCapture} (through JMC): each worked out once per chunk
 * and pool id, and numbered in the report's {@link StackTable}.
 */
final class ChunkConstants {

    private static final int UNSET = -2;
    /** The largest table of stack ids a chunk gets (4 MB); sparser or wider ids are hashed. */
    private static final int MAX_DENSE_STACK_IDS = 1 << 20;

    /** A class's name (null when it has none) and whether it is application code. */
    private record ClassInfo(String name, boolean application) {
    }

    /** A class the pools do not hold: JMC's unknown class, no name, not application code. */
    private static final ClassInfo NOT_IN_POOLS = new ClassInfo(null, false);

    private final JfrInput in;
    private final JfrConstantPools pools;
    private final JfrValues values;
    private final StackTable stacks;
    private final JfrMetadata.Type threadType;
    private final JfrMetadata.Type classType;
    private final JfrMetadata.Type methodType;
    private final JfrMetadata.Type stackType;
    private final JfrMetadata.Type loaderType;
    private final LongIntMap threadIndex = new LongIntMap(64);
    private final List<ThreadIdentity> threads = new ArrayList<>();
    private ThreadIdentity noThread;
    private long lastThreadId;
    private ThreadIdentity lastThread;
    private final LongIntMap classIds = new LongIntMap(256);
    private final LongIntMap classInfoIndex = new LongIntMap(256);
    private final List<ClassInfo> classInfos = new ArrayList<>();
    private final LongIntMap methodIds = new LongIntMap(1024);
    /** Each stack's place in the columns below, by pool id: in a table when the ids are dense, else hashed. */
    private final int[] stackIndexById;
    private final long leastStackId;
    private final LongIntMap stackIndex = new LongIntMap(1024);
    private int[] stackIds = new int[256];
    private long[] stackLastClass = new long[256];
    private int[] stackLastKey = new int[256];
    /**
     * Every (stack, class) pair of the chunk's samples met so far, by the stack's place and the
     * class's id: a stack may allocate several classes in turn (one line making a long[] or a
     * char[]), and the shared table takes a lock another parsing thread is likely to hold.
     */
    private final LongIntMap pairKeys = new LongIntMap(1024);
    private int stackCount;
    private long lastStackRef = Long.MIN_VALUE;
    private int lastStackIndex;
    /** Positions of a stack frame's method and line, worked out at the chunk's first stack. */
    private int frameMethod = UNSET;
    private int frameLine = UNSET;
    private boolean frameLineIsInt;
    private int frameFieldCount;
    /** Whether frames are the JDK's: in place, every field a varint, the method first and the line second. */
    private boolean jdkFrames;
    private JfrMetadata.Field[] stackFields;

    ChunkConstants(JfrInput in, JfrMetadata metadata, JfrConstantPools pools, JfrValues values, StackTable stacks) {
        this.in = in;
        this.pools = pools;
        this.values = values;
        this.stacks = stacks;
        threadType = metadata.type("java.lang.Thread");
        classType = metadata.type("java.lang.Class");
        methodType = metadata.type("jdk.types.Method");
        stackType = metadata.type("jdk.types.StackTrace");
        loaderType = metadata.type("jdk.types.ClassLoader");
        // The JDK numbers a chunk's stack traces in one run: a sample's stack is then found by
        // its id in a table, not by hashing, which under C1 was a tenth of the parsing.
        leastStackId = pools.leastId(stackType);
        long span = pools.greatestId(stackType) - leastStackId + 1;
        int count = pools.count(stackType);
        if (count > 0 && span > 0 && span <= MAX_DENSE_STACK_IDS && span <= 4L * count + 1024) {
            stackIndexById = new int[(int) span];
            Arrays.fill(stackIndexById, -1);
        } else {
            stackIndexById = null;
        }
    }

    boolean holdsThread(long id) {
        return pools.offset(threadType, id) >= 0;
    }

    /** The thread of an event; JMC's "none" when the pools do not hold it. */
    ThreadIdentity threadOrNone(long id) {
        if (id == lastThreadId && lastThread != null) {
            return lastThread; // a chunk holds each thread's events in runs: mostly the same thread again
        }
        int known = threadIndex.get(id, -1);
        if (known >= 0) {
            lastThreadId = id;
            lastThread = threads.get(known);
            return lastThread;
        }
        if (!holdsThread(id)) {
            if (noThread == null) {
                noThread = new ThreadIdentity("none", "");
            }
            return noThread;
        }
        return thread(id);
    }

    /** A method as a label: "package.Class.method"; empty when the pools do not hold it. */
    String methodText(long id) {
        return pools.offset(methodType, id) < 0 ? "" : stacks.methodName(methodId(id));
    }

    /** A class as a label; empty when the pools do not hold it, null when it has no name. */
    String classText(long id) {
        ClassInfo info = classInfo(id);
        return info == NOT_IN_POOLS ? "" : info.name();
    }

    /** A thread as a label: its name; empty when the pools do not hold it. */
    String threadText(long id) {
        return holdsThread(id) ? thread(id).name : "";
    }

    /** The identity of a thread the pools hold, worked out once per chunk. */
    ThreadIdentity thread(long id) {
        int index = threadIndex.get(id, -1);
        if (index >= 0) {
            return threads.get(index);
        }
        Object[] thread = values.pooled(threadType, id);
        Object javaId = field(thread, threadType, "javaThreadId");
        String javaName = (String) field(thread, threadType, "javaName");
        String name = javaName != null ? javaName : (String) field(thread, threadType, "osName");
        ThreadIdentity identity = new ThreadIdentity(ThreadKeys.of(javaId instanceof Long l ? l : null, name), name);
        threadIndex.put(id, threads.size());
        threads.add(identity);
        return identity;
    }

    /** One id for the allocated class and the stack; the stack's last class is kept at hand. */
    int allocationKey(long stackRef, long classRef) {
        if (stackRef == Long.MIN_VALUE || classRef == Long.MIN_VALUE) {
            throw new IllegalStateException("a pool reference out of range");
        }
        int index;
        if (stackRef == lastStackRef) {
            index = lastStackIndex;
        } else {
            long slot = stackIndexById == null ? -1 : stackRef - leastStackId;
            boolean inTable = slot >= 0 && slot < stackIndexById.length;
            index = inTable ? stackIndexById[(int) slot] : stackIndex.get(stackRef, -1);
            if (index < 0) {
                index = newStack(stackRef);
                if (inTable) {
                    stackIndexById[(int) slot] = index;
                } else {
                    stackIndex.put(stackRef, index);
                }
            }
        }
        lastStackRef = stackRef; // a loop's samples: the same stack again
        lastStackIndex = index;
        if (stackLastKey[index] < 0 || stackLastClass[index] != classRef) {
            stackLastClass[index] = classRef;
            stackLastKey[index] = pairKey(index, classId(classRef));
        }
        return stackLastKey[index];
    }

    private int pairKey(int stackIndex, int classId) {
        long pair = ((long) stackIndex << 32) | (classId & 0xFFFFFFFFL);
        int key = pairKeys.get(pair, -1);
        if (key < 0) {
            key = stacks.key(classId, stackIds[stackIndex]);
            pairKeys.put(pair, key);
        }
        return key;
    }

    /** Gives a stack met for the first time in the chunk its place in the columns. */
    private int newStack(long stackRef) {
        int index = stackCount++;
        if (index == stackIds.length) {
            stackIds = Arrays.copyOf(stackIds, index * 2);
            stackLastClass = Arrays.copyOf(stackLastClass, index * 2);
            stackLastKey = Arrays.copyOf(stackLastKey, index * 2);
        }
        stackIds[index] = stackId(stackRef);
        stackLastKey[index] = -1;
        return index;
    }

    private int classId(long classRef) {
        int id = classIds.get(classRef, -1);
        if (id < 0) {
            String name = classInfo(classRef).name();
            id = stacks.classes().id(name == null ? "(unknown class)" : name);
            classIds.put(classRef, id);
        }
        return id;
    }

    /**
     * A class as JMC words it, read from the pools once per chunk (a class has many methods): its
     * name ("java.lang.String", "byte[]"; null when it has none) and whether it is application
     * code, by ApplicationFrames' rule: its loader, else its package.
     */
    private ClassInfo classInfo(long classRef) {
        int index = classInfoIndex.get(classRef, -1);
        if (index >= 0) {
            return classInfos.get(index);
        }
        Object[] type = values.pooled(classType, classRef);
        if (type == null) {
            return NOT_IN_POOLS;
        }
        String symbol = symbol(classType, type, "name");
        String name = symbol == null ? null : MethodToolkit.refTypeToBinaryJLS(symbol);
        Object loaderRef = field(type, classType, "classLoader");
        Object[] loader = loaderRef instanceof Long id ? values.pooled(loaderType, id) : null;
        boolean application = loader != null ? !"bootstrap".equals(symbol(loaderType, loader, "name"))
                : name != null && !ApplicationFrames.isJdkPackage(name);
        ClassInfo info = new ClassInfo(name, application);
        classInfoIndex.put(classRef, classInfos.size());
        classInfos.add(info);
        return info;
    }

    private int methodId(long methodRef) {
        int id = methodIds.get(methodRef, -1);
        if (id < 0) {
            Object[] method = values.pooled(methodType, methodRef);
            Object typeRef = field(method, methodType, "type");
            ClassInfo type = typeRef instanceof Long ref ? classInfo(ref) : NOT_IN_POOLS;
            String name = method == null ? null : symbol(methodType, method, "name");
            id = stacks.method((type.name() == null ? "?" : type.name()) + "." + (name == null ? "?" : name),
                    type.application());
            methodIds.put(methodRef, id);
        }
        return id;
    }

    private int stackId(long stackRef) {
        int offset = pools.offset(stackType, stackRef);
        if (offset < 0) {
            return StackTable.NO_STACK;
        }
        int back = in.position();
        in.seek(offset);
        int[] methodsAndLines = new int[0];
        if (stackFields == null) {
            stackFields = stackType.fields.toArray(new JfrMetadata.Field[0]);
        }
        for (JfrMetadata.Field field : stackFields) {
            if (!"frames".equals(field.name) || !field.array || field.type.layout != JfrMetadata.Layout.STRUCT) {
                JfrMetadata.skip(in, field);
                continue;
            }
            if (frameMethod == UNSET) {
                frameMethod = positionOf(field.type, "method", true);
                if (frameMethod >= 0 && !"jdk.types.Method".equals(field.type.fields.get(frameMethod).type.name)) {
                    // A renamed type: every frame would read as "?.?" in silence.
                    throw new DamagedChunk("its metadata gives the method of a stack frame the type "
                            + field.type.fields.get(frameMethod).type.name + ", not jdk.types.Method");
                }
                frameLine = positionOf(field.type, "lineNumber", false);
                frameLineIsInt = frameLine >= 0 && "int".equals(field.type.fields.get(frameLine).type.name);
                frameFieldCount = field.type.fields.size();
                jdkFrames = !field.constantPool && field.type.flatVarints >= 0 && frameMethod == 0 && frameLine == 1
                        && frameLineIsInt;
            }
            int count = in.count();
            if (count > in.remaining() / Math.max(1, field.type.fields.size())) {
                // Every field of a frame takes a byte at least: a count beyond that is damage (and no
                // reason to allocate eight times the chunk).
                throw new IllegalStateException("a stack trace of " + count + " frames where the chunk has no room for them");
            }
            methodsAndLines = new int[2 * count];
            for (int i = 0; i < count; i++) {
                readFrame(field, methodsAndLines, i);
            }
        }
        in.seek(back);
        return stacks.stack(methodsAndLines);
    }

    /**
     * Reads one frame of a stack into slot {@code i}: its method's id and its line (-1 when
     * it has none). Frames are read field by field, without making objects: a chunk's
     * stacks have millions of them.
     */
    private void readFrame(JfrMetadata.Field frames, int[] methodsAndLines, int i) {
        if (jdkFrames) {
            // The JDK's frame, all varints: its method, its line, then what the report does not use.
            long methodRef = in.varlong();
            methodsAndLines[2 * i + 1] = (int) in.varlong();
            in.skipVarints(frameFieldCount - 2);
            methodsAndLines[2 * i] = methodRef == Long.MIN_VALUE ? unknownMethod() : methodId(methodRef);
            return;
        }
        int back = -1;
        if (frames.constantPool) {
            int offset = pools.offset(frames.type, in.varlong());
            if (offset < 0) {
                methodsAndLines[2 * i] = unknownMethod();
                methodsAndLines[2 * i + 1] = -1;
                return;
            }
            back = in.position();
            in.seek(offset);
        }
        long methodRef = Long.MIN_VALUE;
        int line = -1;
        List<JfrMetadata.Field> fields = frames.type.fields;
        int fieldCount = fields.size();
        boolean flat = frames.type.flatVarints >= 0; // the JDK's frames: every field one varint
        for (int f = 0; f < fieldCount; f++) {
            if (f == frameMethod) {
                methodRef = in.varlong();
            } else if (f == frameLine) {
                line = frameLineIsInt ? (int) in.varlong() : (int) values.number(fields.get(f).type);
            } else if (flat) {
                in.varlong();
            } else {
                JfrMetadata.skip(in, fields.get(f));
            }
        }
        methodsAndLines[2 * i] = methodRef == Long.MIN_VALUE ? unknownMethod() : methodId(methodRef);
        methodsAndLines[2 * i + 1] = line;
        if (back >= 0) {
            in.seek(back);
        }
    }

    /** Where a frame's method (a pool reference) or line (an integer) is; -1 when it has none of that kind. */
    private int positionOf(JfrMetadata.Type frame, String name, boolean reference) {
        int index = frame.index(name);
        if (index < 0) {
            return -1;
        }
        JfrMetadata.Field field = frame.fields.get(index);
        boolean fits = !field.array && (reference ? field.constantPool
                : !field.constantPool && field.type.layout == JfrMetadata.Layout.VARINT);
        return fits ? index : -1;
    }

    /** JMC's stand-in for a frame without a method: no class, no name. */
    private int unknownMethod() {
        return stacks.method("?.?", false);
    }

    private String symbol(JfrMetadata.Type type, Object[] struct, String fieldName) {
        int index = type.index(fieldName);
        if (index < 0 || struct[index] == null) {
            return null;
        }
        JfrMetadata.Field field = type.fields.get(index);
        Object value = field.constantPool ? values.pooledValue(field.type, (Long) struct[index], 0) : struct[index];
        return value instanceof String s ? s : null;
    }

    private Object field(Object[] struct, JfrMetadata.Type type, String fieldName) {
        int index = type == null || struct == null ? -1 : type.index(fieldName);
        return index < 0 ? null : struct[index];
    }
}
