package io.allocrec.analyzer.load;

import org.openjdk.jmc.common.IDisplayable;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.KindOfQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * Reads an event's fields by their JFR name, whatever content type the parser gave them: a plain
 * {@code long} arrives as a raw number, a {@code @DataAmount} field as a memory quantity.
 */
final class EventFields {

    private final IType<IItem> type;

    EventFields(IType<IItem> type) {
        this.type = type;
    }

    /** The accessor of a field, or null when the type has no such field. */
    IMemberAccessor<?, IItem> accessor(String field) {
        for (IAttribute<?> attribute : type.getAttributes()) {
            if (attribute.getIdentifier().equals(field)) {
                return attribute.getAccessor(type);
            }
        }
        return null;
    }

    /** A numeric field as a long (bytes for a memory amount), or {@code absent}. */
    static long longValue(IMemberAccessor<?, IItem> accessor, IItem item, long absent) {
        Object value = accessor == null ? null : accessor.getMember(item);
        if (value instanceof IQuantity quantity) {
            KindOfQuantity<?> kind = quantity.getUnit().getContentType();
            return kind == UnitLookup.MEMORY ? quantity.clampedLongValueIn(UnitLookup.BYTE) : quantity.longValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return absent;
    }

    /** A field as text, or {@code absent}. */
    static String text(IMemberAccessor<?, IItem> accessor, IItem item, String absent) {
        Object value = accessor == null ? null : accessor.getMember(item);
        if (value == null) {
            return absent;
        }
        if (value instanceof IDisplayable displayable && !(value instanceof String)) {
            return displayable.displayUsing(IDisplayable.AUTO);
        }
        return value.toString();
    }
}
