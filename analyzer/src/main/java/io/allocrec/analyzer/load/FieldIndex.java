package io.allocrec.analyzer.load;

import java.util.List;
import org.openjdk.jmc.common.IDisplayable;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.KindOfQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * Where each field sits in the values the JMC parser hands a sink, and how to read one whatever
 * content type the parser gave it: a plain {@code long} arrives as a {@link Long}, a
 * {@code @DataAmount} field as a memory quantity, a time as a quantity in epoch nanoseconds, a
 * duration in ticks.
 */
final class FieldIndex {

    /** The end time of a JDK 7 or 8 event, as JMC names it. */
    static final String END_TIME_V0 = "(endTime)";

    private final List<ValueField> fields;

    FieldIndex(List<ValueField> fields) {
        this.fields = fields;
    }

    /** The position of a field, or -1 when the type has none by that name. */
    int index(String identifier) {
        for (int i = 0; i < fields.size(); i++) {
            if (identifier.equals(fields.get(i).getIdentifier())) { // a damaged metadata can leave a field unnamed
                return i;
            }
        }
        return -1;
    }

    List<String> identifiers() {
        return fields.stream().map(ValueField::getIdentifier).toList();
    }

    static long epochNanos(Object[] values, int index) {
        if (index >= 0 && values[index] instanceof IQuantity time) {
            // The parser already gives epoch nanoseconds; skip the unit conversion then (hot path).
            return time.getUnit() == UnitLookup.EPOCH_NS ? time.longValue() : time.clampedLongValueIn(UnitLookup.EPOCH_NS);
        }
        return 0;
    }

    static long nanos(Object[] values, int index) {
        return index >= 0 && values[index] instanceof IQuantity span ? span.clampedLongValueIn(UnitLookup.NANOSECOND) : 0;
    }

    /** A numeric field as a long (bytes for a memory amount), or {@code absent}. */
    static long longValue(Object[] values, int index, long absent) {
        Object value = index >= 0 ? values[index] : null;
        if (value instanceof IQuantity quantity) {
            if (quantity.getUnit() == UnitLookup.BYTE) {
                return quantity.longValue(); // a sample's weight, on the hot path: no conversion
            }
            KindOfQuantity<?> kind = quantity.getUnit().getContentType();
            return kind == UnitLookup.MEMORY ? quantity.clampedLongValueIn(UnitLookup.BYTE) : quantity.longValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return absent;
    }

    /** A numeric field as a double, or {@code absent}. */
    static double doubleValue(Object[] values, int index, double absent) {
        Object value = index >= 0 ? values[index] : null;
        if (value instanceof IQuantity quantity) {
            return quantity.doubleValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return absent;
    }

    /** A field as text for a label: methods as Class.method, threads by name. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof IMCMethod method) {
            return describe(method);
        }
        if (value instanceof IMCType type) {
            return type.getFullName();
        }
        if (value instanceof IMCThread thread) {
            return thread.getThreadName();
        }
        if (value instanceof IDisplayable displayable) {
            return displayable.displayUsing(IDisplayable.AUTO);
        }
        return value.toString();
    }

    /** "package.Class.method"; "?" for a part a damaged recording leaves out. */
    static String describe(IMCMethod method) {
        String type = method.getType() == null || method.getType().getFullName() == null
                ? "?" : method.getType().getFullName();
        String name = method.getMethodName() == null ? "?" : method.getMethodName();
        return type + "." + name;
    }

    static String describe(IMCFrame frame) {
        String method = frame.getMethod() == null ? "?" : describe(frame.getMethod());
        Integer line = frame.getFrameLineNumber();
        return line == null || line < 0 ? method : method + ":" + line;
    }
}
