package io.allocrec.analyzer.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassTallyTest {

    @Test
    void lambdaFramesLoseTheirPerRunNumbers() {
        // as JMC names them on JDK 17 (a hidden class id and address, then the method) and on JDK 21+
        assertEquals("io.allocrec.cli.Main$$Lambda.execute",
                ClassTally.withoutLambdaIds("io.allocrec.cli.Main$$Lambda$20+0x00007f6778026968.1596000437.execute"));
        assertEquals("a.B$$Lambda.run", ClassTally.withoutLambdaIds("a.B$$Lambda/0x000001f2c8003a00.run"));
        assertEquals("a.B$$Lambda.get", ClassTally.withoutLambdaIds("a.B$$Lambda$7.get"));
        assertEquals("a.B.lambda$run$0", ClassTally.withoutLambdaIds("a.B.lambda$run$0"));
    }
}
