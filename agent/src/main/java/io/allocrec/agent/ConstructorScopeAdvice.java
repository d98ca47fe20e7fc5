package io.allocrec.agent;

import io.allocrec.recorder.AllocationScope;
import net.bytebuddy.asm.Advice;

/**
 * {@link MethodScopeAdvice} for constructors. The JVM's verifier allows no handler around a
 * constructor's call to its superclass's, so a constructor that throws leaves no event.
 */
final class ConstructorScopeAdvice {

    private ConstructorScopeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static AllocationScope enter(@ScopeName String name) {
        return AllocationScope.open(name);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Enter AllocationScope scope) {
        if (scope != null) {
            scope.close();
        }
    }
}
