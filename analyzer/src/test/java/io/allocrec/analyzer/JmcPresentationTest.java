package io.allocrec.analyzer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.recorder.AllocationScope;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.unit.ContentType;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.parser.IEventSink;
import org.openjdk.jmc.flightrecorder.parser.IEventSinkFactory;
import org.openjdk.jmc.flightrecorder.parser.IParserExtension;
import org.openjdk.jmc.flightrecorder.parser.ValueField;

/**
 * What JDK Mission Control shows for allocrec.Scenario, read through JMC's own parser: the
 * event's label, description and category, and each field's label and content type (a byte
 * field must show as a memory amount, the duration as a timespan).
 */
class JmcPresentationTest {

    @TempDir
    static Path folder;

    private static String label;
    private static String description;
    private static String[] category;
    private static final Map<String, ValueField> FIELDS = new HashMap<>();

    @BeforeAll
    static void parseWithJmc() throws Exception {
        Path recording = TestRecordings.record(folder.resolve("jmc.jfr"), () -> {
            try (AllocationScope scope = AllocationScope.open("shown in JMC", 3).payloadBytes(300)) {
                assertTrue(scope.isRecording());
            }
        });
        IParserExtension typeReader = new IParserExtension() {
            @Override
            public IEventSinkFactory getEventSinkFactory(IEventSinkFactory next) {
                return new IEventSinkFactory() {
                    @Override
                    public IEventSink create(String identifier, String typeLabel, String[] typeCategory,
                                             String typeDescription, List<ValueField> fields) {
                        if (identifier.equals("allocrec.Scenario")) {
                            label = typeLabel;
                            description = typeDescription;
                            category = typeCategory;
                            fields.forEach(field -> FIELDS.put(field.getIdentifier(), field));
                        }
                        return values -> { };
                    }

                    @Override
                    public void flush() {
                        next.flush();
                    }
                };
            }
        };
        JfrLoaderToolkit.loadEvents(List.of(recording.toFile()), List.of(typeReader));
        assertNotNull(label, "JMC saw no allocrec.Scenario type");
    }

    @Test
    void eventTypeHasItsLabelDescriptionAndCategory() {
        assertEquals("Allocation Scenario", label);
        assertTrue(description != null && description.length() > 40 && description.endsWith("."), description);
        assertArrayEquals(new String[] {"Allocation Recorder"}, category);
    }

    @Test
    void byteFieldsAreMemoryAmounts() {
        for (String field : List.of("payloadBytes", "allocatedBytes", "retainedBytes")) {
            assertContentType(field, UnitLookup.MEMORY);
        }
    }

    @Test
    void timesAreTimestampsAndDurations() {
        assertContentType("startTime", UnitLookup.TIMESTAMP);
        assertContentType("duration", UnitLookup.TIMESPAN);
    }

    @Test
    void everyFieldHasALabelAndADescription() {
        for (String field : List.of("name", "size", "payloadBytes", "allocatedBytes", "retainedBytes")) {
            ValueField value = FIELDS.get(field);
            assertNotNull(value, field);
            assertTrue(value.getName() != null && !value.getName().equals(field) && !value.getName().isBlank(),
                    field + " label: " + value.getName());
            assertTrue(value.getDescription() != null && value.getDescription().endsWith("."),
                    field + " description: " + value.getDescription());
        }
        assertEquals("Allocated (Exact)", FIELDS.get("allocatedBytes").getName());
        assertEquals(UnitLookup.PLAIN_TEXT, FIELDS.get("name").getContentType());
    }

    private static void assertContentType(String field, ContentType<?> expected) {
        assertNotNull(FIELDS.get(field), field);
        assertEquals(expected, FIELDS.get(field).getContentType(), field);
    }
}
