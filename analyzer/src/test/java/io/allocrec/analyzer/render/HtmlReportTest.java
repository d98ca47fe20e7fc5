package io.allocrec.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.allocrec.analyzer.aggregate.ScopeDiff;
import io.allocrec.analyzer.aggregate.StackProfile;
import io.allocrec.analyzer.aggregate.StackProfile.Stack;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's data and markup, from hand-made stacks; the page itself is tested in HtmlReportBrowserTest. */
class HtmlReportTest {

    @Test
    void aProfileBecomesOneTriePerScopeNameInPreorder() throws Exception {
        StringWriter json = new StringWriter();
        FlameGraphData.writeProfile(new StackProfile(List.of(
                new Stack("s", List.of("app.A.m", "java.util.B.n"), "X", 100, 1),
                new Stack("s", List.of("app.A.m"), "Y", 50, 1),
                new Stack("t", List.of(StackProfile.NO_STACK), "Z", 7, 1))), json);
        // s: its root, A.m, then A.m's children largest first (B.n with X under it: 100; Y: 50).
        assertEquals("{\"mode\":\"single\","
                + "\"names\":[\"s\",\"app.A.m\",\"java.util.B.n\",\"X\",\"Y\",\"t\",\"(no stack trace)\",\"Z\"],"
                + "\"kinds\":[3,0,1,2,2,3,4,2],\"scopes\":["
                + "{\"name\":\"s\",\"frame\":[0,1,2,3,4],\"depth\":[0,1,2,3,2],\"self\":[0,0,0,100,50]},"
                + "{\"name\":\"t\",\"frame\":[5,6,7],\"depth\":[0,1,2],\"self\":[0,0,7]}]}", json.toString());
    }

    @Test
    void aDifferenceHasTheNewSidesWidthsAndKeepsTheBaseSidesBytes() throws Exception {
        StringWriter json = new StringWriter();
        FlameGraphData.writeDifference(
                new StackProfile(List.of(new Stack("s", List.of("app.A.m", "java.util.B.n"), "X", 100, 1),
                        new Stack("s", List.of("app.A.old"), "W", 30, 1),
                        new Stack("gone", List.of("app.G.g"), "V", 9, 1))),
                new StackProfile(List.of(new Stack("s", List.of("app.A.m", "java.util.B.n"), "X", 60, 1),
                        new Stack("s", List.of("app.A.m"), "Y", 40, 1))), json);
        // A.old (base only) is left out; its 30 base bytes stay in the root's, as do gone's 9 in gone's root.
        assertEquals("{\"mode\":\"diff\","
                + "\"names\":[\"s\",\"app.A.m\",\"java.util.B.n\",\"X\",\"app.A.old\",\"W\",\"gone\",\"app.G.g\",\"V\",\"Y\"],"
                + "\"kinds\":[3,0,1,2,0,2,3,0,2,2],\"scopes\":["
                + "{\"name\":\"s\",\"frame\":[0,1,2,3,9],\"depth\":[0,1,2,3,2],\"new\":[0,0,0,60,40],\"base\":[30,0,0,100,0]},"
                + "{\"name\":\"gone\",\"frame\":[6],\"depth\":[0],\"new\":[0],\"base\":[9]}]}", json.toString());
    }

    @Test
    void namesCannotBreakThePage() throws Exception {
        String hostile = "</script><img src=x onerror=alert(1)>\u2028\"'&";
        StringWriter page = new StringWriter();
        HtmlReport.write(new HtmlReport.Content(hostile, List.of(hostile), List.of(), Map.of(hostile, new byte[] {1}),
                new StackProfile(List.of(new Stack(hostile, List.of(hostile), hostile, 10, 1)))), page);
        String html = page.toString();
        assertEquals(2, html.split("</script>", -1).length - 1, "only the page's own two scripts end");
        assertFalse(html.contains("<img src=x"), "markup in a name stays text");
        String data = html.substring(html.indexOf("id=\"flame-data\">"), html.indexOf("</script>"));
        assertFalse(data.contains("\u2028"), "no raw line separator in the script's data");
        assertTrue(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"), "escaped in the markup");
        assertTrue(html.contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\\u2028\\\"'\\u0026"),
                "escaped in the data");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing from the network");
    }

    @Test
    void aPageWithoutSamplesOrFiguresSaysSo() throws Exception {
        StringWriter page = new StringWriter();
        HtmlReport.write(new HtmlReport.Content("Empty", List.of(), List.of(), Map.of(), new StackProfile(List.of())), page);
        assertTrue(page.toString().contains("No per-name figures"));
        assertTrue(page.toString().contains("nothing to draw"));
        assertFalse(page.toString().contains("<script"), "no graph, no script");

        StringWriter diff = new StringWriter();
        HtmlReport.writeDiff(new HtmlReport.DiffContent("Diff", List.of(), List.of(new ScopeDiff("gone", false, 3, 0,
                1000, Double.NaN, -1, -1, -1, -1, Double.NaN, Double.NaN, Double.NaN, ScopeDiff.Verdict.removed)),
                new StackProfile(List.of()), new StackProfile(List.of())), diff);
        assertTrue(diff.toString().contains("<span class=\"verdict removed\">removed</span>"), diff.toString());
        assertTrue(diff.toString().contains("sampled estimates"));
    }
}
