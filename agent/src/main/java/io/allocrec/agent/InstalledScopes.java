package io.allocrec.agent;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The scopes the agent has put in place in this JVM: at most one set at a time, so a second
 * {@code record --pid} replaces the first's filters. While scopes are in place the system property
 * {@value #PROPERTY} says which, so a tool can see them without loading the agent again; it is
 * cleared when they are taken out.
 */
final class InstalledScopes {

    /** Present while scopes are in place: their filters, and the recording they live for. */
    static final String PROPERTY = "allocrec.agent.scopes";

    private static ResettableClassFileTransformer transformer;
    private static String recording;

    private InstalledScopes() {
    }

    /**
     * Takes out the scopes in place, if any, then puts in those of the options: the classes already
     * loaded are transformed now, those loaded later as they load.
     *
     * @return what was matched, filter by filter
     */
    static synchronized ScopeCounts install(Instrumentation instrumentation, AgentOptions options) {
        remove(instrumentation);
        ScopeCounts counts = new ScopeCounts(options.filters());
        ElementMatcher.Junction<MethodDescription> methods = ScopeMatchers.methods(options.filters());
        Advice.WithCustomMapping naming = Advice.withCustomMapping()
                .bind(new ScopeNameMapping(options.signatures() ? ScopeNaming.SIGNATURE : ScopeNaming.METHOD));
        AsmVisitorWrapper methodAdvice = naming.to(MethodScopeAdvice.class).on(methods.and(not(isConstructor())));
        AsmVisitorWrapper constructorAdvice = naming.to(ConstructorScopeAdvice.class).on(methods.and(isConstructor()));
        transformer = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(counts)
                // The JDK's classes are not scoped: the scope's own code runs on them. Nor are the agent's.
                .ignore(isSynthetic().or(nameStartsWith("io.allocrec.agent.")),
                        isBootstrapClassLoader().or(isExtensionClassLoader()))
                .type(ScopeMatchers.types(options.filters()))
                .transform((builder, type, loader, module, domain) -> builder.visit(methodAdvice).visit(constructorAdvice))
                .installOn(instrumentation);
        recording = options.recording();
        System.setProperty(PROPERTY, String.join(";", options.filters().stream().map(ScopeFilter::text).toList())
                + (recording == null ? "" : " (recording " + recording + ")"));
        return counts;
    }

    /**
     * Byte Buddy's default set-up injects a helper class into the system class loader, and on JDK 24+
     * makes the JVM warn about {@code sun.misc.Unsafe}; advice that is inlined needs neither. Its own
     * switch turns that off while the builder is made, and is put back as it was.
     */
    private static AgentBuilder newAgentBuilder() {
        String previous = System.getProperty(Nexus.PROPERTY);
        System.setProperty(Nexus.PROPERTY, "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE);
        } finally {
            if (previous == null) {
                System.clearProperty(Nexus.PROPERTY);
            } else {
                System.setProperty(Nexus.PROPERTY, previous);
            }
        }
    }

    /** Takes out the scopes in place, the classes retransformed back to their own bytecode. */
    static synchronized boolean remove(Instrumentation instrumentation) {
        if (transformer == null) {
            return false;
        }
        transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        transformer = null;
        recording = null;
        System.clearProperty(PROPERTY);
        return true;
    }

    /** Takes out the scopes in place if they live for this recording (and not for a newer one). */
    static synchronized boolean removeFor(Instrumentation instrumentation, String endedRecording) {
        return endedRecording.equals(recording) && remove(instrumentation);
    }
}
