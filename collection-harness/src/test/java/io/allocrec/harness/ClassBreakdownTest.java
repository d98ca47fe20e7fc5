package io.allocrec.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.harness.ClassBreakdown.ClassShare;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * The class histogram {@code record} commits as {@code allocrec.Breakdown} is JOL's own: for
 * every built-in scenario, on the very same object, the instances and bytes of every class equal
 * those of {@link GraphLayout#parseInstance}'s class histogram.
 */
class ClassBreakdownTest {

    private static KeyValueInputs inputs;

    @BeforeAll
    static void generateInputs() {
        inputs = KeyValueInputs.generate(10_000, KeyValueInputs.DEFAULT_SEED);
    }

    static Stream<Arguments> scenariosAndSizes() {
        return Scenarios.names().stream().flatMap(name -> Stream.of(1, 1_000, 10_000).map(n -> Arguments.of(name, n)));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("scenariosAndSizes")
    void classHistogramEqualsGraphLayouts(String name, int n) {
        Object structure = Scenarios.named(List.of(name)).get(0).build(inputs, n);
        Map<String, List<Long>> ours = ClassBreakdown.of(structure).stream().collect(Collectors.toMap(
                ClassShare::className, share -> List.of(share.instances(), share.bytes()), (a, b) -> a, TreeMap::new));
        GraphLayout layout = GraphLayout.parseInstance(structure);
        Map<String, List<Long>> jol = layout.getClasses().stream().collect(Collectors.toMap(Class::getTypeName,
                type -> List.of(layout.getClassCounts().count(type), layout.getClassSizes().count(type)),
                (a, b) -> a, TreeMap::new));
        assertEquals(jol, ours);
        assertEquals(layout.totalSize(), ClassBreakdown.totalBytes(ClassBreakdown.of(structure)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInNames")
    void builtInsHoldNoReferenceToTheInputs(String name) {
        Object structure = Scenarios.named(List.of(name)).get(0).build(inputs, 100);
        assertFalse(ClassBreakdown.reaches(structure, KeyValueInputs.class));
        assertTrue(ClassBreakdown.reaches(List.of(structure, inputs), KeyValueInputs.class));
    }

    static Stream<String> builtInNames() {
        return Scenarios.names().stream();
    }
}
