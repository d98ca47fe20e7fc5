package io.allocrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandJvmTest {

    @Test
    void recordGetsTheOptionsOnlyNewerJdksHave() {
        assertEquals(List.of(), CommandJvm.forJdk("record", 17));
        assertEquals(List.of("-XX:+EnableDynamicAgentLoading"), CommandJvm.forJdk("record", 21));
        assertEquals(List.of("-XX:+EnableDynamicAgentLoading", "--sun-misc-unsafe-memory-access=allow"),
                CommandJvm.forJdk("record", 25));
        assertEquals(List.of(), CommandJvm.forJdk("report", 25));
    }
}
