package io.allocrec.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allocrec.analyzer.aggregate.StackProfile;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The collapsed-stack text of hand-made profiles: replacement, merging and order. */
class CollapsedStacksTest {

    private static StackProfile.Stack stack(String scope, List<String> frames, String allocatedClass, long bytes) {
        return new StackProfile.Stack(scope, frames, allocatedClass, bytes, 1);
    }

    private static String collapsed(List<StackProfile.Stack> stacks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CollapsedStacks.write(new StackProfile(stacks), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyProfileIsAnEmptyFile() throws IOException {
        assertEquals("", collapsed(List.of()));
    }

    @Test
    void theScopeIsTheRootAndTheClassTheLeaf() throws IOException {
        assertEquals("GET /a;Main.main;Service.handle;byte[] 2048\n",
                collapsed(List.of(stack("GET /a", List.of("Main.main", "Service.handle"), "byte[]", 2048))));
        assertEquals("(outside scopes);(no stack trace);long[] 16\n",
                collapsed(List.of(stack(StackProfile.OUTSIDE, List.of(StackProfile.NO_STACK), "long[]", 16))));
    }

    @Test
    void separatorsAndLineBreaksInNamesAreReplacedAndWhatThenMatchesIsMerged() throws IOException {
        List<String> frames = List.of("Main.main");
        assertEquals("a,b;Main.main;byte[] 30\n", collapsed(List.of(
                stack("a;b", frames, "byte[]", 10), stack("a,b", frames, "byte[]", 20))));
        assertEquals("line?two?three?four?five;Main.main;byte[] 1\n", collapsed(List.of(
                stack("line\ntwo\rthree\u2028four\u0000five", frames, "byte[]", 1))));
        assertEquals("?;we,ird?;byte[] 5\n", collapsed(List.of(stack("", List.of("we;ird\t"), "byte[]", 5))));
    }

    @Test
    void theOrderIsTheSameWhateverTheProfilesOrder() throws IOException {
        List<StackProfile.Stack> stacks = new ArrayList<>();
        for (String scope : List.of("b", "a", StackProfile.OUTSIDE)) {
            for (List<String> frames : List.of(List.of("X.x"), List.of("X.x", "Y.y"), List.of("X.x.y"), List.of("W.w"))) {
                for (String type : List.of("byte[]", "char[]")) {
                    stacks.add(stack(scope, frames, type, 7));
                }
            }
        }
        String expected = collapsed(stacks);
        assertEquals(24, expected.lines().count());
        assertEquals("(outside scopes);W.w;byte[] 7", expected.lines().findFirst().orElseThrow());
        assertEquals("b;X.x.y;char[] 7", expected.lines().reduce((a, b) -> b).orElseThrow());
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(stacks, random);
            assertEquals(expected, collapsed(stacks));
        }
    }
}
