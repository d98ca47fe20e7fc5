package io.allocrec.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Counts, filter by filter, the methods the agent has scoped, and keeps the classes it failed to
 * transform: what {@code record --pid} tells the user (a filter that matched nothing yet is a
 * warning, not an error: it may match a class loaded later).
 */
final class ScopeCounts extends AgentBuilder.Listener.Adapter {

    private static final int KEPT_ERRORS = 10;

    private final List<ScopeFilter> filters;
    private final List<ElementMatcher<MethodDescription>> matchers = new ArrayList<>();
    private final AtomicLongArray methods;
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    ScopeCounts(List<ScopeFilter> filters) {
        this.filters = List.copyOf(filters);
        this.methods = new AtomicLongArray(filters.size());
        filters.forEach(filter -> matchers.add(ScopeMatchers.method(filter)));
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                 DynamicType dynamicType) {
        for (MethodDescription method : type.getDeclaredMethods()) {
            for (int i = 0; i < matchers.size(); i++) {
                if (matchers.get(i).matches(method)) {
                    methods.incrementAndGet(i);
                }
            }
        }
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
        if (errors.size() < KEPT_ERRORS) {
            errors.add(typeName + ": " + error);
        }
    }

    List<ScopeFilter> filters() {
        return filters;
    }

    /** Methods scoped so far for the filter at this position. */
    long methods(int filter) {
        return methods.get(filter);
    }

    /** The first classes that could not be transformed, with why. */
    List<String> errors() {
        return List.copyOf(errors);
    }
}
