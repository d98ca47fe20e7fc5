package io.allocrec.analyzer.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PendingBoundaries}: the lists it keeps as scopes arrive equal a stable sort of all of them
 * by the documented keys (made here with {@link List#sort}), with ties of time and of whole scopes.
 */
class PendingBoundariesTest {

    private record Scope(long start, long end, int name) {
    }

    @Test
    void listsEqualAStableSortOfNestedScopesSettledInEndOrder() {
        Random random = new Random(18);
        for (int round = 0; round < 50; round++) {
            List<Scope> settled = new ArrayList<>();
            nest(random, 0, 1000, 4, settled); // children settle before their parent, in end order
            PendingBoundaries pending = new PendingBoundaries();
            settled.forEach(s -> pending.add(s.start(), s.end(), s.name()));

            List<Scope> byStart = new ArrayList<>(settled);
            byStart.sort(Comparator.comparingLong(Scope::start).thenComparingLong(s -> -s.end()));
            List<Scope> byEnd = new ArrayList<>(settled);
            byEnd.sort(Comparator.comparingLong(Scope::end).thenComparingLong(s -> -s.start()));

            assertEquals(settled.size(), pending.startCount());
            for (int i = 0; i < byStart.size(); i++) {
                assertEquals(byStart.get(i).start(), pending.startTime(i), "start " + i);
                assertEquals(byStart.get(i).name(), pending.startName(i), "name of start " + i);
                assertEquals(byEnd.get(i).end(), pending.endTime(i), "end " + i);
            }
            long horizon = 500;
            long before = settled.stream().mapToLong(s -> (s.start() < horizon ? 1 : 0) + (s.end() < horizon ? 1 : 0)).sum();
            assertEquals(before, pending.startsBefore(horizon) + pending.endsBefore(horizon));
            assertEquals(before, pending.dropBefore(horizon));
            assertEquals(2L * settled.size() - before, pending.size());
            if (pending.startCount() > 0) {
                assertEquals(byStart.stream().filter(s -> s.start() >= horizon).findFirst().orElseThrow().start(),
                        pending.startTime(0));
            }
        }
    }

    /** Scopes within [from, to), coarse times so that starts and ends often tie; each settles after its children. */
    private static void nest(Random random, long from, long to, int depth, List<Scope> settled) {
        long at = from;
        while (at < to && random.nextInt(4) > 0) {
            long start = at + random.nextInt(3) * 10;
            long end = Math.min(to, start + random.nextInt(30) * 10);
            if (start > end) {
                break;
            }
            if (depth > 0) {
                nest(random, start, end, depth - 1, settled);
            }
            settled.add(new Scope(start, end, random.nextInt(5)));
            at = end;
        }
    }
}
