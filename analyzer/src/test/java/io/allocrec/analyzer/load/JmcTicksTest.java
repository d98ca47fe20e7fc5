package io.allocrec.analyzer.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.unit.IScalarAffineTransform;

/**
 * The direct reader takes a duration of a tick a nanosecond as it is, without JMC's unit
 * arithmetic: JMC's conversion must then give the ticks back, for every duration a double holds
 * exactly. Should a JMC version round otherwise, this fails.
 */
class JmcTicksTest {

    private static final long EXACT_IN_DOUBLE = 1L << 53;

    @Test
    void atATickANanosecondJmcGivesTheTicksBack() {
        IScalarAffineTransform jmc = DirectChunkReader.jmcTicksToNanos(1.0);
        long[] edges = {0, 1, -1, 999, 1_000_000_007L, 86_400_000_000_000L, EXACT_IN_DOUBLE - 1, -(EXACT_IN_DOUBLE - 1)};
        for (long ticks : edges) {
            assertEquals(ticks, jmc.targetValue(ticks));
        }
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 100_000; i++) {
            long ticks = random.nextLong(-EXACT_IN_DOUBLE + 1, EXACT_IN_DOUBLE);
            assertEquals(ticks, jmc.targetValue(ticks));
        }
    }
}
