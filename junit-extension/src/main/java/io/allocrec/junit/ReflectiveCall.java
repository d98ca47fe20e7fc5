package io.allocrec.junit;

import java.lang.reflect.Method;

/**
 * Makes JUnit's coming reflective call of a test method allocate what every later call does.
 *
 * <p>The first {@link Method#invoke} of a method builds its accessor: 48 bytes on JDK 17, 1.1 to
 * 1.3 KB on JDK 25 (a method handle), counted in the test's figure if it happens inside the
 * measured window. {@link #prepare} builds it before the window by calling the method with one
 * argument too many: {@code Method.invoke} acquires the accessor, which then rejects the argument
 * count with an {@link IllegalArgumentException} before anything of the method runs. Should a JDK
 * ever check first, nothing happens and the accessor is counted as before.
 */
final class ReflectiveCall {

    private ReflectiveCall() {
    }

    /**
     * Builds the accessor of {@code method} without running it.
     *
     * @param method the test method
     * @param target the test instance, or null for a static method
     */
    static void prepare(Method method, Object target) {
        if (!method.trySetAccessible()) {
            return;
        }
        try {
            method.invoke(target, new Object[method.getParameterCount() + 1]);
        } catch (IllegalArgumentException | ReflectiveOperationException expected) {
            // The wrong argument count, as intended: the accessor exists now, the method never ran.
        }
    }
}
