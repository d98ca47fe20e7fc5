package io.allocrec.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.allocrec.analyzer.TestRecordings;
import io.allocrec.analyzer.aggregate.ReportAggregates;
import io.allocrec.analyzer.aggregate.ScopeDiff;
import io.allocrec.analyzer.aggregate.ScopeNameSummary;
import io.allocrec.analyzer.aggregate.StackProfile;
import io.allocrec.analyzer.load.RecordingFiles;
import io.allocrec.analyzer.load.ScopeSelection;
import io.allocrec.analyzer.pipeline.RecordingAnalysis;
import io.allocrec.recorder.AllocationScope;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The report and diff pages in a real browser (headless Chromium through chromedriver), built from
 * two real recordings of the same small shop: on the new side "GET /orders" also writes an audit
 * record, "GET /legacy" is gone and "GET /search" is new. Screenshots go to target/screenshots/.
 * Without Chromium the test is skipped, except on CI (the CI variable set), where it fails.
 * Slow (a browser starts): run by {@code mvn -B verify -Pall-tests}, as CI does.
 */
@Tag("slow")
class HtmlReportBrowserTest {

    private static final String ORDERS = "GET /orders";
    private static final String HEALTH = "GET /health";
    /** A name that would break a page that did not escape it. */
    private static final String ODD = "batch </script><b>\"nightly\" & 'export'</b>";
    private static final String CLASS_NAME = HtmlReportBrowserTest.class.getName();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path folder;

    private static WebDriver browser;
    private static Path reportPage;
    private static Path diffPage;
    private static volatile Object sink;

    @BeforeAll
    static void recordTwoRunsAndStartTheBrowser() throws Exception {
        Optional<String> driver = onPath("chromedriver");
        Optional<String> chromium = Stream.of("chromium", "chromium-browser", "google-chrome").map(HtmlReportBrowserTest::onPath)
                .flatMap(Optional::stream).findFirst();
        if (driver.isEmpty() || chromium.isEmpty()) {
            String missing = "chromium and chromedriver are needed (apt-get install chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                fail("CI must have a browser for the HTML report's test: " + missing);
            }
            // Surefire shows a class skipped in @BeforeAll as 0 tests run and drops the reason: say it here.
            System.err.println(HtmlReportBrowserTest.class.getSimpleName() + " skipped: " + missing);
            Assumptions.abort(missing);
        }
        Analysis base = analyse(TestRecordings.record(folder.resolve("base.jfr"), () -> serve(false)));
        Analysis changed = analyse(TestRecordings.record(folder.resolve("new.jfr"), () -> serve(true)));

        ByteArrayOutputStream chart = new ByteArrayOutputStream();
        ScopesChart.write(changed.summaries(), chart);
        Map<String, byte[]> charts = new LinkedHashMap<>();
        charts.put("Allocated bytes per call, by scope (scopes.png)", chart.toByteArray());
        reportPage = folder.resolve("index.html");
        try (Writer out = Files.newBufferedWriter(reportPage, StandardCharsets.UTF_8)) {
            HtmlReport.write(new HtmlReport.Content("Allocation report", List.of("Recording: new.jfr",
                    "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")),
                    changed.summaries(), charts, changed.profile()), out);
        }
        diffPage = folder.resolve("diff.html");
        try (Writer out = Files.newBufferedWriter(diffPage, StandardCharsets.UTF_8)) {
            HtmlReport.writeDiff(new HtmlReport.DiffContent("Allocation diff: base.jfr against new.jfr",
                    List.of("Base: base.jfr", "New: new.jfr", "Threshold: 5%"),
                    diff(base.summaries(), changed.summaries()), base.profile(), changed.profile()), out);
        }
        browser = start(driver.get(), chromium.get());
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void reportPageShowsTheTableAndChartsWithoutErrors() throws Exception {
        open(reportPage);
        String html = Files.readString(reportPage);
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page loads nothing from the network");
        List<String> names = browser.findElements(By.cssSelector("#scope-table td.name a")).stream()
                .map(WebElement::getText).toList();
        assertTrue(names.containsAll(List.of(ORDERS, HEALTH, ODD)), names.toString());
        WebElement orders = row("scope-table", ORDERS);
        assertTrue(orders.getText().matches("(?s).*\\d{1,3}(,\\d{3})+.*"), "thousands separators: " + orders.getText());
        assertTrue(orders.getText().contains("includes nested"), orders.getText());
        WebElement chart = browser.findElement(By.cssSelector("figure.chart img"));
        assertTrue(((Number) js("return arguments[0].naturalWidth", chart)).intValue() >= 1000, "chart decoded");
        screenshot("report.png", true);
    }

    @Test
    void flameGraphDrawsSwitchesZoomsAndSearches() throws Exception {
        open(reportPage);
        WebElement canvas = browser.findElement(By.id("flame-canvas"));
        assertEquals(ORDERS, canvas.getAttribute("data-scope"));
        assertTrue(Integer.parseInt(canvas.getAttribute("data-drawn")) >= 5, canvas.getAttribute("data-drawn"));
        List<String> ordersFrames = drawnNames();
        assertTrue(ordersFrames.contains(CLASS_NAME + ".audit"), ordersFrames.toString());
        assertTrue(ordersFrames.contains("int[]"), "allocated classes are the leaves: " + ordersFrames);

        Select names = new Select(browser.findElement(By.id("flame-scope")));
        names.getOptions().stream().filter(option -> option.getText().startsWith(HEALTH + " ")).findFirst()
                .orElseThrow().click();
        assertEquals(HEALTH, canvas.getAttribute("data-scope"));
        List<String> healthFrames = drawnNames();
        assertNotEquals(ordersFrames, healthFrames);
        assertTrue(healthFrames.contains(CLASS_NAME + ".health") && !healthFrames.contains(CLASS_NAME + ".audit"),
                healthFrames.toString());

        browser.findElement(By.cssSelector("#scope-table a[data-flame='" + ORDERS + "']")).click();
        assertEquals(ORDERS, canvas.getAttribute("data-scope"), "a name in the table shows its graph");

        String frame = CLASS_NAME + ".renderPage";
        Map<String, Object> before = rectOf(frame);
        double fullWidth = ((Number) before.get("canvasWidth")).doubleValue();
        assertTrue(((Number) before.get("width")).doubleValue() < fullWidth - 2, "not yet full width: " + before);
        hover(canvas, before);
        String tip = browser.findElement(By.id("flame-tip")).getText();
        assertTrue(tip.contains(frame) && tip.contains("sampled") && tip.contains("% of"), tip);
        new Actions(browser).click().perform();
        assertEquals(frame, canvas.getAttribute("data-zoom"));
        assertEquals(fullWidth, ((Number) rectOf(frame).get("width")).doubleValue(), 0.5, "the clicked frame fills the width");
        assertTrue(browser.findElement(By.id("flame-crumbs")).getText().endsWith("HtmlReportBrowserTest.renderPage"),
                browser.findElement(By.id("flame-crumbs")).getText());
        assertFalse(drawnNames().contains(CLASS_NAME + ".audit"), "frames outside the zoomed one are gone");
        hover(canvas, rectOf("byte[]"));
        String leafTip = browser.findElement(By.id("flame-tip")).getText();
        assertTrue(leafTip.startsWith("byte[]\nallocated class") && leafTip.contains("% of \u201c" + ORDERS + "\u201d"),
                leafTip);
        screenshot("flame-zoomed.png", false);
        browser.findElement(By.id("flame-reset")).click();
        assertEquals(ORDERS, canvas.getAttribute("data-zoom"));

        WebElement search = browser.findElement(By.id("flame-search"));
        search.sendKeys("audit", Keys.ENTER);
        WebElement match = browser.findElement(By.id("flame-match"));
        double share = Double.parseDouble(match.getAttribute("data-share"));
        assertTrue(share > 0.1 && share < 0.9, "audit is part of the orders' bytes: " + share);
        assertTrue(match.getText().startsWith("Matched: ") && match.getText().contains("% of"), match.getText());
        assertTrue(pixels(canvas, 0xC2, 0x3B, 0xD4) > 100, "matching frames are highlighted");
        screenshot("flame-search.png", false);
        search.clear();
        search.sendKeys(Keys.ENTER);
        assertEquals(0, pixels(canvas, 0xC2, 0x3B, 0xD4));
        assertNoConsoleErrors();
    }

    @Test
    void diffPageShowsVerdictsAndADifferentialGraph() throws Exception {
        open(diffPage);
        assertTrue(row("diff-table", ORDERS).getText().contains("REGRESSED"), row("diff-table", ORDERS).getText());
        assertTrue(row("diff-table", "GET /legacy").getText().contains("REMOVED"));
        assertTrue(row("diff-table", "GET /search").getText().contains("ADDED"));
        String colour = row("diff-table", ORDERS).findElement(By.className("verdict")).getCssValue("background-color");
        assertTrue(colour.contains("198, 40, 40"), "regressed is red: " + colour);
        WebElement canvas = browser.findElement(By.id("flame-canvas"));
        assertEquals(ORDERS, canvas.getAttribute("data-scope"));
        assertTrue(drawnNames().contains(CLASS_NAME + ".audit"));
        assertTrue(redPixels(canvas) > 200, "the new audit path is red");
        hover(canvas, rectOf(CLASS_NAME + ".audit"));
        String tip = browser.findElement(By.id("flame-tip")).getText();
        assertTrue(tip.contains("New: ") && tip.contains("Base: 0 B") && tip.contains("percentage points"), tip);
        screenshot("diff.png", true);
        assertNoConsoleErrors();
    }

    /**
     * A profile larger than real ones, to see the page open: 50,000 stacks in 20 scope names, 30
     * frames deep, little shared beyond the first frames. Nothing is asserted on time; the figures
     * in HtmlReport's comment are what this prints.
     */
    @Test
    void aLargeProfileOpensAndDraws() throws Exception {
        StackProfile profile = syntheticProfile(50_000, 20, 30);
        Path page = folder.resolve("large.html");
        long start = System.nanoTime();
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(new HtmlReport.Content("Large profile", List.of("50,000 synthetic stacks"), List.of(),
                    Map.of(), profile), out);
        }
        long written = System.nanoTime() - start;
        start = System.nanoTime();
        open(page);
        long opened = System.nanoTime() - start;
        WebElement canvas = browser.findElement(By.id("flame-canvas"));
        int drawn = Integer.parseInt(canvas.getAttribute("data-drawn"));
        System.out.printf("large page: %,d bytes, written in %d ms, opened in %d ms (first graph drawn %s ms after "
                        + "navigation), %,d frames drawn%n", Files.size(page), written / 1_000_000, opened / 1_000_000,
                browser.findElement(By.tagName("body")).getAttribute("data-flame-ready"), drawn);
        assertTrue(drawn > 100, "frames drawn: " + drawn);
        screenshot("large.png", false);
        new Select(browser.findElement(By.id("flame-scope"))).selectByIndex(5);
        assertEquals(profile.scopes().get(5), canvas.getAttribute("data-scope"));
        assertNoConsoleErrors();
    }

    private static StackProfile syntheticProfile(int stacks, int scopes, int depth) {
        java.util.Random random = new java.util.Random(42);
        List<StackProfile.Stack> all = new ArrayList<>(stacks);
        for (int i = 0; i < stacks; i++) {
            int scope = random.nextInt(scopes);
            List<String> frames = new ArrayList<>(depth);
            frames.add("java.lang.Thread.run");
            frames.add("com.example.Router.route" + scope);
            for (int d = 2; d < depth; d++) {
                // Few choices near the root, more further up: prefixes are shared as in real stacks.
                int method = random.nextInt(Math.min(2_000, 2 << d));
                frames.add(method % 5 == 0 ? "java.util.stream.Pipeline" + method + ".evaluate"
                        : "com.example.module" + method % 40 + ".Service" + method + ".handle" + method % 7);
            }
            all.add(new StackProfile.Stack("scope-" + scope, frames, "com.example.Value" + random.nextInt(30),
                    1_000 + random.nextInt(1_000_000), 1));
        }
        return new StackProfile(all);
    }

    // --- the workload: a small shop, recorded twice

    private static void serve(boolean withAudit) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread worker = new Thread(() -> {
                for (int call = 0; call < 60; call++) {
                    try (AllocationScope scope = AllocationScope.open(ORDERS)) {
                        renderPage();
                        try (AllocationScope db = AllocationScope.open("db")) {
                            query();
                        }
                        if (withAudit) {
                            audit();
                        }
                    }
                    try (AllocationScope scope = AllocationScope.open(HEALTH)) {
                        health();
                    }
                    try (AllocationScope scope = AllocationScope.open(withAudit ? "GET /search" : "GET /legacy")) {
                        renderPage();
                    }
                    try (AllocationScope scope = AllocationScope.open(ODD)) {
                        query();
                    }
                }
                renderPage(); // a thread's last TLAB is never sampled
            }, "worker-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static void renderPage() {
        for (int i = 0; i < 400; i++) {
            sink = new byte[1024];
        }
        for (int i = 0; i < 100; i++) {
            sink = new StringBuilder(1000).append(i).toString();
        }
    }

    private static void query() {
        for (int i = 0; i < 200; i++) {
            sink = new long[128];
        }
    }

    private static void audit() {
        for (int i = 0; i < 300; i++) {
            sink = new int[256];
        }
    }

    private static void health() {
        for (int i = 0; i < 100; i++) {
            sink = new char[512];
        }
    }

    private record Analysis(List<ScopeNameSummary> summaries, StackProfile profile) {
    }

    private static Analysis analyse(Path recording) throws Exception {
        RecordingAnalysis.Result result = new RecordingAnalysis(ScopeSelection.scenarios(), 2)
                .run(RecordingFiles.resolve(List.of(recording), false, line -> { }), new AtomicLong(), new AtomicLong());
        ReportAggregates aggregates = result.aggregates();
        return new Analysis(aggregates.byName(), aggregates.tally().stackProfile());
    }

    /** Rows as the diff command will make them; only their presentation is tested here. */
    private static List<ScopeDiff> diff(List<ScopeNameSummary> base, List<ScopeNameSummary> changed) {
        Map<String, ScopeNameSummary> before = new LinkedHashMap<>();
        base.forEach(s -> before.put(s.name(), s));
        List<ScopeDiff> rows = new ArrayList<>();
        for (ScopeNameSummary now : changed) {
            ScopeNameSummary then = before.remove(now.name());
            if (then == null) {
                rows.add(new ScopeDiff(now.name(), true, 0, now.calls(), Double.NaN, now.exactMean(), -1, now.exactP50(),
                        -1, now.exactP99(), Double.NaN, Double.NaN, Double.NaN, ScopeDiff.Verdict.added));
                continue;
            }
            double change = now.exactMean() / then.exactMean() - 1;
            ScopeDiff.Verdict verdict = change - 0.02 > 0.05 ? ScopeDiff.Verdict.regressed
                    : change + 0.02 < -0.05 ? ScopeDiff.Verdict.improved : ScopeDiff.Verdict.unchanged;
            rows.add(new ScopeDiff(now.name(), true, then.calls(), now.calls(), then.exactMean(), now.exactMean(),
                    then.exactP50(), now.exactP50(), then.exactP99(), now.exactP99(), change, change - 0.02,
                    change + 0.02, verdict));
        }
        before.values().forEach(then -> rows.add(new ScopeDiff(then.name(), true, then.calls(), 0, then.exactMean(),
                Double.NaN, then.exactP50(), -1, then.exactP99(), -1, Double.NaN, Double.NaN, Double.NaN,
                ScopeDiff.Verdict.removed)));
        return rows;
    }

    // --- the browser

    private static Optional<String> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static WebDriver start(String driver, String chromium) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--force-device-scale-factor=1", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).build();
        return new ChromeDriver(service, options);
    }

    private static void open(Path page) {
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(page.toUri().toString());
        assertNotNull(browser.findElement(By.tagName("body")).getAttribute("data-flame-ready"), "the graph script ran");
        assertNoConsoleErrors();
    }

    private static void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::toString).toList();
        assertEquals(List.of(), errors, "the browser's console");
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static WebElement row(String table, String scope) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector("td.name")).getText().startsWith(scope)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + scope + " in " + table));
    }

    @SuppressWarnings("unchecked")
    private static List<String> drawnNames() {
        return (List<String>) js("return window.allocrecFlame.drawnNames()");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rectOf(String frame) {
        Map<String, Object> rect = (Map<String, Object>) js("return window.allocrecFlame.rectOf(arguments[0])", frame);
        assertNotNull(rect, frame + " is drawn: " + drawnNames());
        return rect;
    }

    /** Moves the mouse to the middle of a frame (Selenium's offsets are from the element's centre). */
    private static void hover(WebElement canvas, Map<String, Object> rect) {
        double x = ((Number) rect.get("x")).doubleValue() + ((Number) rect.get("width")).doubleValue() / 2;
        double y = ((Number) rect.get("y")).doubleValue() + ((Number) rect.get("height")).doubleValue() / 2;
        org.openqa.selenium.Rectangle box = canvas.getRect();
        new Actions(browser).moveToElement(canvas, (int) Math.round(x - box.getWidth() / 2.0),
                (int) Math.round(y - box.getHeight() / 2.0)).perform();
    }

    /**
     * The canvas's pixels, copied to a canvas made for reading first: reading the page's own
     * canvas twice makes Chromium warn in the console, which the test counts as the page's fault.
     */
    private static final String PIXELS = "var c = arguments[0], copy = document.createElement('canvas');"
            + "copy.width = c.width; copy.height = c.height;"
            + "var g = copy.getContext('2d', {willReadFrequently: true}); g.drawImage(c, 0, 0);"
            + "var d = g.getImageData(0, 0, c.width, c.height).data, n = 0;";

    private static long pixels(WebElement canvas, int red, int green, int blue) {
        return ((Number) js(PIXELS + "for (var i = 0; i < d.length; i += 4) { if (d[i] === arguments[1]"
                + " && d[i + 1] === arguments[2] && d[i + 2] === arguments[3]) { n++; } } return n;",
                canvas, red, green, blue)).longValue();
    }

    private static long redPixels(WebElement canvas) {
        return ((Number) js(PIXELS + "for (var i = 0; i < d.length; i += 4) { if (d[i] > 180 && d[i + 1] < 120"
                + " && d[i + 2] < 120) { n++; } } return n;", canvas)).longValue();
    }

    private static void screenshot(String name, boolean wholePage) throws Exception {
        if (wholePage) {
            js("window.scrollTo(0, 0)");
            long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
            browser.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 20, 6000)));
        }
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
