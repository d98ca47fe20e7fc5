package io.allocrec.benchmarks.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of the estimator's evaluation: three of its workloads (three threads on this
 * two-core machine under production.jfc, unthrottled, heavy-tailed bytes), one seed, five seconds
 * each, every name scored against the exact bytes its calls allocated (the thread's own counter,
 * read by the workload). Holds the README's targets: the 95% interval holds the exact total for at
 * least 90% of the names, and its median half-width is at most 40% of the exact figure for names
 * with at least 100 samples.
 */
class EstimateSuiteTest {

    @TempDir
    Path folder;

    @Test
    void intervalsHoldTheExactTotalsAndAreNarrowWhereSamplesAreMany() throws Exception {
        EstimateSuite suite = new EstimateSuite(folder, 5, EstimateSuite.findProfiles());
        List<NameResult> results = new ArrayList<>();
        for (String workload : new String[] {"threads-over-cores", "unthrottled", "heavy-tailed"}) {
            results.addAll(suite.run(Workload.named(workload), 1));
        }
        String table = CoverageTable.details(results) + "\n" + CoverageTable.markdown(results);
        System.out.println(table);
        assertTrue(CoverageTable.coverage(results) >= 0.90, table);
        double halfWidth = CoverageTable.medianHalfWidth(results, 100);
        assertTrue(halfWidth <= 0.40, table);
    }
}
