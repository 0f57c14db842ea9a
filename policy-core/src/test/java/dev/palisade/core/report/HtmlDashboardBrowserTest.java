package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palisade.core.Report;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium}, installed by
 * {@code .ci/install-test-tools.sh}): it renders without a console message, shows the figures the
 * report holds, draws its charts, prints, and keeps hostile manifests as text. Screenshots and the
 * rendered fixture are left in {@code target/dashboard/} for people to look at. Skipped when Chromium
 * is absent, except in CI ({@code CI} set), where that is a failure.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HtmlDashboardBrowserTest {
    private static final Path OUT = Path.of("target", "dashboard");
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> binary = Chromium.find();
        if (binary.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail("Chromium is needed for the dashboard tests in CI; .ci/install-test-tools.sh installs it");
            }
            Assumptions.abort("Chromium is not installed (.ci/install-test-tools.sh installs it)");
        }
        browser = Chromium.start(binary.get());
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static Chromium.Page open(String name, String html) throws Exception {
        Path file = OUT.resolve(name).toAbsolutePath();
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return browser.open(file.toUri());
    }

    @Test
    void theFixtureRendersWithoutConsoleMessagesAndShowsItsFigures(@TempDir Path dir) throws Exception {
        Report report = SampleReports.full();
        Trends trends = Dashboards.history(dir.resolve("history")).trends();
        Chromium.Page page = open("dashboard.html", Dashboards.render(report,
                Dashboards.options(trends, SampleReports.owners())));
        assertEquals(List.of(), page.consoleProblems());

        assertEquals("30.5%", page.evaluate("document.querySelector('#card-score .value').textContent").asText());
        assertEquals(4, page.evaluate("document.querySelectorAll('#score-trend circle.point').length").asInt(),
                "three runs from the history and this one");
        assertEquals(2, page.evaluate("document.querySelectorAll('#score-trend circle.hollow').length").asInt());
        assertEquals(1, page.evaluate("document.querySelectorAll('#score-trend polyline').length").asInt());
        assertEquals(3, page.evaluate("document.querySelectorAll('#team-table tbody tr').length").asInt());
        assertEquals(3, page.evaluate("document.querySelectorAll('#team-scores g.bar rect').length").asInt());
        assertEquals(report.totals().violations(),
                page.evaluate("document.querySelectorAll('tr.finding').length").asInt());
        assertEquals(report.policies().size(),
                page.evaluate("document.querySelectorAll('#policy-table tbody tr').length").asInt());
        assertTrue(page.evaluate("[...document.querySelectorAll('#policy-table svg.spark')]"
                + ".every(s => s.querySelector('polyline') && s.getAttribute('aria-label').includes('Violations of'))")
                .asBoolean(), "every policy has a trend line with a text alternative");
        assertTrue(page.evaluate("[...document.querySelectorAll('svg')].every(s => s.getAttribute('role') === 'img'"
                + " && (s.getAttribute('aria-label') || s.getAttribute('aria-labelledby').split(' ')"
                + ".every(id => document.getElementById(id).textContent.length > 0)))").asBoolean(),
                "every chart is an image with a name");
        assertTrue(page.evaluate("[...document.querySelectorAll('a[href]')].every(a => a.getAttribute('href')"
                + ".startsWith('#') || a.protocol === 'https:')").asBoolean(), "only fragment and web links");
        assertTrue(page.evaluate("document.querySelector('tr.finding a').href.startsWith('"
                + Dashboards.REPOSITORY + "/blob/" + Dashboards.REVISION + "/report/')").asBoolean());
        assertTrue(page.evaluate("document.documentElement.scrollWidth <= 1280").asBoolean(),
                "nothing overflows the width of a laptop screen");

        BufferedImage screen = image(page.screenshot(false));
        assertEquals(1280, screen.getWidth());
        assertEquals(900, screen.getHeight());
        assertTrue(distinctColours(screen) > 50, "the first screen is not blank");
        assertTrue(pixelsNear(screen, 0x0b57d0) > 200, "the score trend's line and points are drawn in the accent colour");
        byte[] full = page.screenshot(true);
        Files.write(OUT.resolve("dashboard.png"), full);
        BufferedImage whole = image(full);
        assertTrue(whole.getWidth() > 1200 && whole.getWidth() <= 1280, "the page width: " + whole.getWidth());
        assertTrue(whole.getHeight() > 1800, "the whole page: " + whole.getHeight());
        assertTrue(pixelsNear(whole, 0x1a7f37) > 100 && pixelsNear(whole, 0xcf222e) > 100,
                "the team bars are drawn in their score colours");

        page.emulateMedia("print");
        assertEquals("none", page.evaluate("getComputedStyle(document.querySelector('nav')).display").asText(),
                "the print stylesheet drops the navigation");
        assertEquals("visible", page.evaluate("getComputedStyle(document.querySelector('.scroll')).overflowX").asText(),
                "and lets wide tables print whole");
        Files.write(OUT.resolve("dashboard-print.png"), page.screenshot(false));
        byte[] pdf = page.pdf();
        Files.write(OUT.resolve("dashboard.pdf"), pdf);
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        assertTrue(pdf.length > 10_000, "the printout has content: " + pdf.length + " bytes");
        page.emulateMedia("screen");
    }

    @Test
    void hostileManifestsStayText() throws Exception {
        Chromium.Page page = open("hostile.html", Dashboards.render(Dashboards.hostile(),
                Dashboards.options(Trends.NONE, Dashboards.hostileOwners())));
        assertEquals(List.of(), page.consoleProblems(), "no script ran, nothing was blocked: nothing was injected");
        assertEquals(0, page.evaluate("document.querySelectorAll('script, img, iframe, object, embed').length").asInt());
        assertEquals(0, page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                + ".some(a => a.name.startsWith('on'))).length").asInt(), "no event handler attribute");
        assertEquals(0, page.evaluate("document.querySelectorAll('b, i').length").asInt());
        String text = page.evaluate("document.body.textContent").asText();
        assertTrue(text.contains("x</td><script>alert(1)</script>"), "the hostile name reads as written");
        assertTrue(text.contains("<b onmouseover=alert(3)>red-team</b>"), "so does the hostile team");
        assertTrue(text.contains("ns\"><img src=x onerror=alert(2)>"));
        assertTrue(page.evaluate("[...document.querySelectorAll('a[href]')].every(a => a.protocol !== 'javascript:')")
                .asBoolean());
    }

    /** The check above can fail: a page that logs, throws or is blocked by its policy is caught. */
    @Test
    void theConsoleCheckCatchesScriptsAndBlockedLoads() throws Exception {
        Chromium.Page logging = open("control-console.html", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>c</title></head><body><script>console.error('boom'); nothing();</script></body></html>");
        List<String> problems = logging.consoleProblems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("console.error") && p.contains("boom")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("exception:")), problems.toString());

        Chromium.Page blocked = open("control-csp.html", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><title>c</title></head>"
                + "<body><img alt=\"\" src=\"https://example.invalid/x.png\"><script>console.log('never')</script>"
                + "</body></html>");
        List<String> blockedProblems = blocked.consoleProblems();
        assertTrue(blockedProblems.size() >= 2 && blockedProblems.stream().allMatch(p -> p.contains("Content Security"
                + " Policy")), blockedProblems.toString());
    }

    private static BufferedImage image(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "a PNG");
        return image;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static int pixelsNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) < 24 && Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff)) < 24
                        && Math.abs((p & 0xff) - (rgb & 0xff)) < 24) {
                    count++;
                }
            }
        }
        return count;
    }
}
