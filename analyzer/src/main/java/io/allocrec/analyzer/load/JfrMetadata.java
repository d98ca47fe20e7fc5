package io.allocrec.analyzer.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a chunk declares in its metadata event (JDK 11 on), and how a value of each is laid
 * out, so that fields nobody asked for can be stepped over. The metadata event holds a string
 * table, then a tree of elements: classes, their fields and the fields' annotations.
 */
final class JfrMetadata {

    static final String EVENT_SUPER_TYPE = "jdk.jfr.Event";
    private static final String TIMESTAMP_ANNOTATION = "jdk.jfr.Timestamp";
    private static final int MAX_NESTING = 64;
    private static final String METADATA = "a metadata event";

    /** How a value is written: in one byte, as a varint, in 4 or 8 bytes, as a string, or field by field. */
    enum Layout { BYTE, VARINT, FLOAT, DOUBLE, STRING, STRUCT }

    /** A field: its type, whether it holds a pool reference, whether an array of them. */
    static final class Field {
        final String name;
        final long typeId;
        final boolean constantPool;
        final boolean array;
        final Map<Long, String> annotations;
        Type type;
        /** The field's annotations by type name (such as jdk.jfr.Timestamp), with their values. */
        Map<String, String> annotationsByName = Map.of();

        /** The value of the field's annotation of that type ("" when it has no value), or null. */
        String annotation(String typeName) {
            return annotationsByName.get(typeName);
        }

        Field(String name, long typeId, boolean constantPool, boolean array, Map<Long, String> annotations) {
            this.name = name;
            this.typeId = typeId;
            this.constantPool = constantPool;
            this.array = array;
            this.annotations = annotations;
        }
    }

    /** A class of the metadata: an event type, a pooled type such as java.lang.Thread, or a primitive. */
    static final class Type {
        final long id;
        final String name;
        final String superType;
        final List<Field> fields;
        /** A simple type with one field (such as jdk.types.Symbol) stands for that field's value. */
        final boolean simple;
        final Layout layout;
        /** When every field is one varint (a pool reference or an integer): how many; else -1. */
        int flatVarints = -1;

        Type(long id, String name, String superType, List<Field> fields, boolean simple) {
            this.id = id;
            this.name = name;
            this.superType = superType;
            this.fields = fields;
            this.simple = simple && fields.size() == 1;
            this.layout = switch (String.valueOf(name)) {
                case "boolean", "byte" -> Layout.BYTE;
                case "char", "short", "int", "long" -> Layout.VARINT;
                case "float" -> Layout.FLOAT;
                case "double" -> Layout.DOUBLE;
                case "java.lang.String" -> Layout.STRING;
                default -> Layout.STRUCT;
            };
        }

        boolean isEvent() {
            return EVENT_SUPER_TYPE.equals(superType);
        }

        /** The position of a field, or -1. */
        int index(String fieldName) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name.equals(fieldName)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Map<Long, Type> byId = new HashMap<>();
    private final Map<String, Type> byName = new HashMap<>();

    private JfrMetadata() {
    }

    /**
     * Reads the metadata event at {@code offset}; its content must end where its size says (as a
     * checkpoint's must), or the chunk is damaged.
     */
    static JfrMetadata read(JfrInput chunk, int offset) {
        chunk.seek(offset);
        long size = chunk.varlong();
        if (size <= 0 || size > chunk.limit() - offset) {
            throw new DamagedChunk(METADATA, offset, "whose size of " + DamagedChunk.bytes(size) + " does not fit the chunk");
        }
        int end = offset + (int) size;
        JfrInput in = chunk.upTo(end);
        Element root;
        try {
            if (in.varlong() != 0) {
                throw new IllegalStateException("the metadata offset does not point at the metadata event");
            }
            in.varlong(); // start
            in.varlong(); // duration
            in.varlong(); // metadata id
            int stringCount = in.count();
            String[] strings = new String[stringCount];
            for (int i = 0; i < stringCount; i++) {
                strings[i] = in.string();
                if (in.lastPoolReference() >= 0) {
                    throw new IllegalStateException("the metadata's strings refer to a pool");
                }
            }
            root = Element.read(in, strings, 0, offset);
        } catch (IndexOutOfBoundsException e) {
            throw new DamagedChunk(METADATA, offset, "whose content runs past its size of " + DamagedChunk.bytes(size));
        }
        if (in.position() != end) {
            throw new DamagedChunk(METADATA, offset, "whose content ends " + DamagedChunk.bytes(end - in.position())
                    + " before its size of " + DamagedChunk.bytes(size) + " says");
        }
        JfrMetadata metadata = new JfrMetadata();
        metadata.collectClasses(root, offset);
        for (Type type : metadata.byId.values()) {
            for (Field field : type.fields) {
                field.type = metadata.byId.get(field.typeId);
                if (field.type == null) {
                    throw new DamagedChunk(METADATA, offset, "with a field " + type.name + "." + field.name
                            + " of type " + field.typeId + ", which it does not declare");
                }
                Map<String, String> byName = new HashMap<>();
                field.annotations.forEach((id, value) -> {
                    Type annotation = metadata.byId.get(id);
                    if (annotation != null && annotation.name != null) {
                        byName.put(annotation.name, value == null ? "" : value);
                    }
                });
                field.annotationsByName = Map.copyOf(byName);
            }
        }
        for (Type type : metadata.byId.values()) {
            boolean flat = type.layout == Layout.STRUCT && !type.fields.isEmpty();
            for (Field field : type.fields) {
                flat &= !field.array && (field.constantPool || field.type.layout == Layout.VARINT);
            }
            type.flatVarints = flat ? type.fields.size() : -1;
        }
        return metadata;
    }

    Type type(long id) {
        Type type = byId.get(id);
        if (type == null) {
            throw new IllegalStateException("a field of an undeclared type " + id);
        }
        return type;
    }

    /** The type of that id, or null when the chunk does not declare it. */
    Type typeOrNull(long id) {
        return byId.get(id);
    }

    /** The type by its name, or null when the chunk does not declare it. */
    Type type(String name) {
        return byName.get(name);
    }

    List<Type> types() {
        return new ArrayList<>(byId.values());
    }

    /** The unit of a field's {@code @Timestamp} annotation (such as TICKS), or null. */
    static String timestampUnit(Field field) {
        return field.annotation(TIMESTAMP_ANNOTATION);
    }

    /** Steps over one value of a field (an array of them when it is one). */
    static void skip(JfrInput in, Field field) {
        skipField(in, field, 0);
    }

    private static void skipField(JfrInput in, Field field, int depth) {
        int count = field.array ? in.count() : 1;
        if (!field.constantPool && field.type.flatVarints >= 0) { // a stack's frames, say: all varints
            long varints = (long) count * field.type.flatVarints;
            if (varints > in.remaining()) { // every varint takes a byte at least
                throw new IndexOutOfBoundsException(count + " values of " + field.type.name + " where "
                        + in.remaining() + " bytes are left");
            }
            in.skipVarints((int) varints);
            return;
        }
        for (int i = 0; i < count; i++) {
            if (field.constantPool) {
                in.varlong();
            } else {
                skipValue(in, field.type, depth);
            }
        }
    }

    /** Steps over one value of a type, as it is written in a pool entry or inline. */
    static void skipValue(JfrInput in, Type type, int depth) {
        switch (type.layout) {
            case BYTE -> in.readByte();
            case VARINT -> in.varlong();
            case FLOAT -> in.skip(4);
            case DOUBLE -> in.skip(8);
            case STRING -> in.skipString();
            default -> {
                if (type.flatVarints >= 0) { // a stack frame, say: stepped over without looking at its fields
                    for (int i = 0; i < type.flatVarints; i++) {
                        in.varlong();
                    }
                    return;
                }
                if (depth > MAX_NESTING) {
                    throw new IllegalStateException("type " + type.name + " nests too deeply");
                }
                // By index: under C1 an iterator is an object per value, and pools hold hundreds of thousands.
                List<Field> fields = type.fields;
                for (int i = 0; i < fields.size(); i++) {
                    skipField(in, fields.get(i), depth + 1);
                }
            }
        }
    }

    /**
     * Gathers the classes of the metadata tree. A class without an id, or a field without a name
     * or a type, is damage: the JDK's reader refuses it, and JMC's parser would hand on a field
     * without a name.
     */
    private void collectClasses(Element element, int offset) {
        if (element.name.equals("class")) {
            List<Field> fields = new ArrayList<>();
            for (Element child : element.children) {
                if (child.name.equals("field")) {
                    Map<Long, String> annotations = new HashMap<>();
                    for (Element annotation : child.children) {
                        if (annotation.name.equals("annotation") && annotation.attribute("class") != null) {
                            String value = annotation.attribute("value");
                            annotations.put(id(annotation, "class", offset), value == null ? "" : value);
                        }
                    }
                    if (child.attribute("name") == null) {
                        throw new DamagedChunk(METADATA, offset, "with a field of " + element.attribute("name") + " that has no name");
                    }
                    fields.add(new Field(child.attribute("name"), id(child, "class", offset),
                            "true".equals(child.attribute("constantPool")), "1".equals(child.attribute("dimension")),
                            annotations));
                }
            }
            Type type = new Type(id(element, "id", offset), element.attribute("name"),
                    element.attribute("superType"), List.copyOf(fields), "true".equals(element.attribute("simpleType")));
            byId.put(type.id, type);
            if (type.name != null) {
                byName.putIfAbsent(type.name, type);
            }
            return;
        }
        for (Element child : element.children) {
            collectClasses(child, offset);
        }
    }

    /** A type id an element gives (a class's own, a field's type, an annotation's type). */
    private static long id(Element element, String key, int offset) {
        try {
            return Long.parseLong(element.attribute(key));
        } catch (NumberFormatException e) { // null included
            throw new DamagedChunk(METADATA, offset, "with a " + element.name + " whose " + key + " is not a type id ("
                    + element.attribute(key) + ")");
        }
    }

    /** One element of the metadata tree: a name, attributes, children. */
    private static final class Element {
        final String name;
        final Map<String, String> attributes = new HashMap<>();
        final List<Element> children = new ArrayList<>();

        private Element(String name) {
            this.name = name;
        }

        String attribute(String key) {
            return attributes.get(key);
        }

        /** @param offset where the metadata event starts, for a message */
        static Element read(JfrInput in, String[] strings, int depth, int offset) {
            if (depth > MAX_NESTING) {
                throw new IllegalStateException("the metadata nests too deeply");
            }
            Element element = new Element(String.valueOf(string(in, strings, offset)));
            int attributeCount = in.count();
            for (int i = 0; i < attributeCount; i++) {
                String key = string(in, strings, offset);
                element.attributes.put(key, string(in, strings, offset));
            }
            int childCount = in.count();
            for (int i = 0; i < childCount; i++) {
                element.children.add(read(in, strings, depth + 1, offset));
            }
            return element;
        }

        private static String string(JfrInput in, String[] strings, int offset) {
            long index = in.varlong();
            if (index < 0 || index >= strings.length) {
                throw new DamagedChunk(METADATA, offset, "that refers to string " + index + " of its " + strings.length);
            }
            return strings[(int) index];
        }
    }
}
