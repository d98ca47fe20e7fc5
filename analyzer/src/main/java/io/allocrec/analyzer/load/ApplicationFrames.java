package io.allocrec.analyzer.load;

import java.lang.reflect.Field;
import org.openjdk.jmc.common.IMCClassLoader;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCType;

/**
 * Whether a frame is application code, by the JDK's own rule for a "top application frame"
 * ({@code jfr view}): its class was loaded by a class loader other than the bootstrap loader.
 * JMC keeps the recorded class loader in a public field of its class objects that no interface
 * exposes, so it is read reflectively. A class without a recorded loader (the bootstrap loader's
 * classes, and every class of a JDK 8 or async-profiler recording) is judged by the JDK's
 * package prefixes instead.
 */
final class ApplicationFrames {

    private static final Field CLASS_LOADER = classLoaderField();

    private ApplicationFrames() {
    }

    static boolean isApplication(IMCMethod method) {
        IMCType type = method == null ? null : method.getType();
        if (type == null) {
            return false;
        }
        if (loaderOf(type) instanceof IMCClassLoader loader) {
            return !"bootstrap".equals(loader.getName());
        }
        String name = type.getFullName();
        return name != null && !isJdkPackage(name); // a damaged constant pool can leave a class without a name
    }

    static boolean isJdkPackage(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    private static Object loaderOf(IMCType type) {
        if (CLASS_LOADER == null || !CLASS_LOADER.getDeclaringClass().isInstance(type)) {
            return null;
        }
        try {
            return CLASS_LOADER.get(type);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Field classLoaderField() {
        try {
            Class<?> type = Class.forName("org.openjdk.jmc.flightrecorder.internal.parser.v1.StructTypes$JfrJavaClass");
            Field field = type.getField("classLoader");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another JMC version: the package rule decides
        }
    }
}
