package io.allocrec.harness;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.util.ObjectUtils;
import org.openjdk.jol.util.SimpleIdentityHashSet;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * A structure's retained bytes class by class: every object reachable from it, walked as JOL's
 * {@link GraphLayout#parseInstance} walks (every non-static reference field, superclasses'
 * included, and every element of an array of references), counted per class, with the JVM's own
 * object sizes ({@code Instrumentation.getObjectSize}, which JOL's {@link VM} gets by attaching
 * its agent to this JVM). It gives what {@code GraphLayout}'s class histogram gives (a test holds
 * them equal) at about a quarter of the cost: {@code GraphLayout} keeps a path record for every
 * object, 2 s and some 200 MB for a 10⁶-element HashMap here, where this walk keeps counts.
 *
 * <p>What JOL needs in the JVM that runs it (the options {@code ./allocrec} gives {@code record},
 * {@code allocrec.record.jvm} in the parent pom):
 * <ul>
 *   <li>{@code -Djdk.attach.allowAttachSelf=true}: without it JOL has no Instrumentation and
 *       computes sizes from field offsets, which {@code sun.misc.Unsafe} refuses for records and
 *       hidden classes (so a structure holding a record cannot be weighed; JOL's other way out,
 *       {@code -Djol.magicFieldOffset=true}, writes into JDK internals and is not used).
 *   <li>{@code --add-opens java.base/java.util=ALL-UNNAMED} (and {@code java.util.concurrent},
 *       {@code java.lang}): fields of classes in packages not opened are read through JOL's
 *       fallback, which tries reflection and fails twice per read before {@code Unsafe}: ten
 *       times slower on the JDK's maps.
 * </ul>
 * On JDK 21 and later the JVM warns that an agent was loaded dynamically
 * ({@code -XX:+EnableDynamicAgentLoading} silences it), and on JDK 24 and later that JOL calls
 * {@code sun.misc.Unsafe} ({@code --sun-misc-unsafe-memory-access=allow}).
 */
final class ClassBreakdown {

    /**
     * One class of a structure.
     *
     * @param className the Java type name: {@code java.util.HashMap$Node}, {@code byte[]}
     * @param instances objects of the class reachable from the structure
     * @param bytes     their bytes, headers and padding included
     */
    record ClassShare(String className, long instances, long bytes) {
    }

    private static boolean initialised;

    private ClassBreakdown() {
    }

    /**
     * Starts JOL, once per JVM, with nothing printed: JOL writes its warnings to standard output,
     * so they are caught here and returned instead (for example that it has no Instrumentation).
     *
     * @return JOL's warnings, one per line; empty when there were none
     */
    static synchronized List<String> initialise() {
        if (initialised) {
            return List.of();
        }
        // JOL would start a second JVM to try the Serviceability Agent, for object addresses it is not asked for here.
        if (System.getProperty("jol.skipHotspotSAAttach") == null) {
            System.setProperty("jol.skipHotspotSAAttach", "true");
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream caught = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(caught, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            VM.current();
        } finally {
            System.setOut(stdout);
        }
        initialised = true;
        return caught.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("# WARNING") && !line.contains("Serviceability Agent"))
                .map(line -> line.substring("# WARNING".length()).replaceFirst("^[:\\s|]+", ""))
                .toList();
    }

    /** Whether the JDK's collections can be read by reflection (see the class comment). */
    static boolean jdkCollectionsOpen() {
        Module javaBase = Object.class.getModule();
        Module walker = ClassBreakdown.class.getModule();
        return javaBase.isOpen("java.util", walker) && javaBase.isOpen("java.util.concurrent", walker);
    }

    /**
     * The classes of the objects reachable from {@code structure}, the most bytes first.
     *
     * @throws RuntimeException from JOL, when it cannot weigh an object (see the class comment)
     */
    static List<ClassShare> of(Object structure) {
        initialise();
        VirtualMachine vm = VM.current();
        Map<Class<?>, long[]> histogram = new HashMap<>();
        Map<Class<?>, Long> instanceSizes = new HashMap<>();
        walk(structure, (object, type) -> {
            long size;
            if (type.isArray()) {
                size = vm.sizeOf(object);
            } else {
                Long known = instanceSizes.get(type);
                size = known != null ? known : vm.sizeOf(object);
                instanceSizes.put(type, size);
            }
            long[] counts = histogram.computeIfAbsent(type, t -> new long[2]);
            counts[0]++;
            counts[1] += size;
        });
        List<ClassShare> shares = new ArrayList<>();
        histogram.forEach((type, counts) -> shares.add(new ClassShare(type.getTypeName(), counts[0], counts[1])));
        shares.sort(Comparator.comparingLong(ClassShare::bytes).reversed().thenComparing(ClassShare::className));
        return shares;
    }

    /** Whether an object of {@code type} is reachable from {@code root}; sizes nothing, so JOL need not be started. */
    static boolean reaches(Object root, Class<?> type) {
        boolean[] found = {false};
        walk(root, (object, objectType) -> found[0] |= objectType == type);
        return found[0];
    }

    private interface Visitor {
        void visit(Object object, Class<?> type);
    }

    /** Visits every object reachable from {@code root} once, as JOL's graph walkers do. */
    private static void walk(Object root, Visitor visitor) {
        SimpleIdentityHashSet seen = new SimpleIdentityHashSet();
        ArrayDeque<Object> pending = new ArrayDeque<>();
        seen.add(root);
        pending.push(root);
        while (!pending.isEmpty()) {
            Object object = pending.pop();
            Class<?> type = object.getClass();
            visitor.visit(object, type);
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (Object element : (Object[]) object) {
                        if (element != null && seen.add(element)) {
                            pending.push(element);
                        }
                    }
                }
            } else {
                ReferenceFields fields = REFERENCE_FIELDS.get(type);
                for (int i = 0; i < fields.fields().length; i++) {
                    Object value = fields.read(object, i);
                    if (value != null && seen.add(value)) {
                        pending.push(value);
                    }
                }
            }
        }
    }

    /**
     * A class's non-static reference fields, its superclasses' included, and whether each could
     * be made accessible: those are read by reflection, the others by JOL's fallback (slow, see
     * the class comment).
     */
    private record ReferenceFields(Field[] fields, boolean[] accessible) {

        Object read(Object object, int i) {
            if (accessible[i]) {
                try {
                    return fields[i].get(object);
                } catch (IllegalAccessException e) {
                    // Not expected once accessible; JOL's fallback below reads it another way.
                }
            }
            return ObjectUtils.value(object, fields[i]);
        }
    }

    private static final ClassValue<ReferenceFields> REFERENCE_FIELDS = new ClassValue<>() {
        @Override
        protected ReferenceFields computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                        fields.add(field);
                    }
                }
            }
            boolean[] accessible = new boolean[fields.size()];
            for (int i = 0; i < accessible.length; i++) {
                accessible[i] = fields.get(i).trySetAccessible();
            }
            return new ReferenceFields(fields.toArray(new Field[0]), accessible);
        }
    };

    static long totalBytes(List<ClassShare> shares) {
        return shares.stream().mapToLong(ClassShare::bytes).sum();
    }
}
