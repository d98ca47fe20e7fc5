package io.allocrec.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.allocrec.analyzer.aggregate.NamedScope;
import io.allocrec.analyzer.aggregate.OverheadRatios;
import io.allocrec.analyzer.aggregate.ScenarioRow;
import io.allocrec.analyzer.attribute.FinishedScope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The sweep charts, drawn from hand-made rows. */
class SweepChartsTest {

    private static NamedScope scope(String name, long size, long retained) {
        return new NamedScope(name, new FinishedScope(0, "main", 0, 1, size, 0, retained, retained, 0, 0, 0, -1, 0, -1,
                0, 0, 0, false));
    }

    @Test
    void aSweepOfOneSizeIsDrawn() throws Exception {
        // A log axis cannot range over one value: this once failed with "A positive range length is required".
        List<ScenarioRow> rows = OverheadRatios.against("vec-pair",
                List.of(scope("vec-pair", 1000, 100_000), scope("hashmap", 1000, 140_000)));
        drawBoth(rows);
        // Equal figures at one size: the retained-bytes axis has a single value too.
        drawBoth(OverheadRatios.against("vec-pair", List.of(scope("vec-pair", 1000, 100_000),
                scope("hashmap", 1000, 100_000))));
    }

    private static void drawBoth(List<ScenarioRow> rows) throws Exception {
        for (boolean growth : new boolean[] {true, false}) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (growth) {
                SweepCharts.writeGrowth(rows, png);
            } else {
                SweepCharts.writeOverhead(rows, "vec-pair", png);
            }
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
            assertEquals(1400, image.getWidth());
        }
    }
}
