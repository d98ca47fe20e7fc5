package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An event type's fields as JMC's parser lists them, for {@link EventTypeInfo}: a field of an
 * inline struct type is flattened into "field:nested" fields, except the types JMC reads into
 * objects of its own; and which fields hold plain values (not a thread, a stack trace or an
 * array), which can name a scope.
 */
final class JmcFieldNames {

    private static final Set<String> NOT_PLAIN = Set.of("java.lang.Thread", "jdk.types.StackTrace",
            "jdk.types.StackFrame", "jdk.types.ThreadGroup", "jdk.types.OldObject", "jdk.types.OldObjectArray",
            "jdk.types.OldObjectField", "jdk.types.OldObjectGcRoot");
    private static final Set<String> NOT_FLATTENED = Set.of("java.lang.Thread", "java.lang.Class",
            "jdk.types.ThreadGroup", "jdk.types.ClassLoader", "jdk.types.OldObjectGcRoot", "jdk.types.OldObject",
            "jdk.types.OldObjectArray", "jdk.types.OldObjectField", "jdk.types.Method", "jdk.types.StackFrame",
            "jdk.types.StackTrace", "jdk.types.Module", "jdk.types.Package");

    private JmcFieldNames() {
    }

    static EventTypeInfo info(JfrMetadata.Type type) {
        List<String> identifiers = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (JfrMetadata.Field field : type.fields) {
            if (!field.array && !field.constantPool && field.type.layout == JfrMetadata.Layout.STRUCT
                    && !field.type.simple && !field.type.fields.isEmpty() && !NOT_FLATTENED.contains(field.type.name)) {
                for (JfrMetadata.Field nested : field.type.fields) {
                    add(field.name + ":" + nested.name, nested, identifiers, plain);
                }
            } else {
                add(field.name, field, identifiers, plain);
            }
        }
        return new EventTypeInfo(type.name, List.copyOf(identifiers), List.copyOf(plain));
    }

    private static void add(String identifier, JfrMetadata.Field field, List<String> identifiers, List<String> plain) {
        identifiers.add(identifier);
        if (!field.array && !NOT_PLAIN.contains(field.type.name)) {
            plain.add(identifier);
        }
    }
}
