package io.allocrec.agent;

import io.allocrec.recorder.AllocationScope;
import net.bytebuddy.asm.Advice;

/**
 * What the agent adds around a scoped method: the code of {@code try (AllocationScope s =
 * AllocationScope.open(name)) { body }}, inlined by Byte Buddy. A call that ends by throwing is
 * recorded too. Nothing the advice does can reach the application: a throwable of its own is
 * suppressed, and the method's arguments, return value and exceptions are not touched.
 */
final class MethodScopeAdvice {

    private MethodScopeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static AllocationScope enter(@ScopeName String name) {
        return AllocationScope.open(name);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter AllocationScope scope) {
        if (scope != null) {
            scope.close();
        }
    }
}
