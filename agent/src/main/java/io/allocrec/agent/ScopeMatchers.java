package io.allocrec.agent;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The filters as Byte Buddy matchers: which classes to transform, and which of their methods get a
 * scope. As in JDK 25's method tracing, a method needs bytecode (not abstract, not native); bridge
 * methods are left out too, since each only calls the method it bridges, which would make a second,
 * nested scope of the same call.
 */
final class ScopeMatchers {

    private ScopeMatchers() {
    }

    /** The classes any of the filters can match a method of. */
    static ElementMatcher.Junction<TypeDescription> types(List<ScopeFilter> filters) {
        ElementMatcher.Junction<TypeDescription> types = none();
        for (ScopeFilter filter : filters) {
            types = types.or(type(filter));
        }
        return types;
    }

    /** The methods any of the filters match. */
    static ElementMatcher.Junction<MethodDescription> methods(List<ScopeFilter> filters) {
        ElementMatcher.Junction<MethodDescription> methods = none();
        for (ScopeFilter filter : filters) {
            methods = methods.or(method(filter));
        }
        return methods;
    }

    static ElementMatcher.Junction<TypeDescription> type(ScopeFilter filter) {
        if (filter.annotationName() != null) {
            ElementMatcher.Junction<MethodDescription> annotated = isAnnotatedWith(named(filter.annotationName()));
            return isAnnotatedWith(named(filter.annotationName())).or(declaresMethod(annotated));
        }
        if (filter.className() == null) {
            return declaresMethod(named(filter.methodName()));
        }
        return named(filter.className());
    }

    static ElementMatcher.Junction<MethodDescription> method(ScopeFilter filter) {
        ElementMatcher.Junction<MethodDescription> withCode = isMethod().or(isConstructor())
                .and(not(isAbstract())).and(not(isNative())).and(not(isBridge()));
        if (filter.annotationName() != null) {
            ElementMatcher.Junction<TypeDescription> annotation = named(filter.annotationName());
            return withCode.and(isAnnotatedWith(annotation).or(isDeclaredBy(isAnnotatedWith(annotation))));
        }
        ElementMatcher.Junction<MethodDescription> named = filter.methodName() == null ? withCode
                : filter.isConstructor() ? withCode.and(isConstructor())
                : withCode.and(isMethod()).and(named(filter.methodName()));
        return filter.className() == null ? named : named.and(isDeclaredBy(named(filter.className())));
    }
}
