package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report in headless Chromium and reads back what the browser made of it: the section
 * headings, every image decoded to its size, the diagnosis and config text with the markup in
 * them shown as text, and no request for anything outside the page.
 */
class ReportInChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * Runs once the page has loaded and writes what it finds into a {@code <pre id="probe">}, which
     * {@code --dump-dom} then prints. It lists every URL-bearing attribute and CSS rule, so that
     * a reference to a file or server would show even if the browser never fetched it.
     */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', () => {
              const urls = [];
              document.querySelectorAll('*').forEach(e => {
                for (const a of ['src', 'href', 'srcset', 'poster', 'data', 'action', 'background', 'xlink:href']) {
                  if (e.hasAttribute(a)) urls.push(e.getAttribute(a).slice(0, 40));
                }
                if (/url\\(|@import/i.test(e.getAttribute('style') || '')) urls.push('style: ' + e.getAttribute('style'));
              });
              const css = [];
              for (const sheet of document.styleSheets) {
                for (const rule of sheet.cssRules) if (/url\\(|@import|@font-face/i.test(rule.cssText)) css.push(rule.cssText);
              }
              const text = id => (document.getElementById(id) || {}).textContent || '';
              const probe = document.createElement('pre');
              probe.id = 'probe';
              probe.textContent = JSON.stringify({
                title: document.title,
                scripts: document.scripts.length,
                headings: [...document.querySelectorAll('h2')].map(h => h.textContent),
                images: [...document.images].map(i => ({alt: i.alt, complete: i.complete, w: i.naturalWidth, h: i.naturalHeight})),
                resources: performance.getEntriesByType('resource').map(e => e.name),
                urls: urls, css: css,
                diagnosis: text('diagnosis'), config: text('config'), evaluations: text('evaluations')
              });
              document.body.appendChild(probe);
            });
            </script>
            """;

    @Test
    void chromiumShowsEverySectionDecodesEveryImageAndRunsNothingFromTheFiles(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("Chromium is missing (" + CHROMIUM + "), which the report's test needs: apt-get install chromium");
        }
        Path run = ReportFixtures.completeRun(dir.resolve("run"), 300);
        String html = Files.readString(RunReport.write(run));
        String csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + RunReport.CONTENT_SECURITY_POLICY + "\">";
        assertTrue(html.contains(csp), "the page forbids scripts and requests");
        // The copy drops that policy, so that markup a file smuggled in would run and any reference
        // would be fetched here: the test sees what the page itself does, not what the policy stops.
        Path page = dir.resolve("probed.html");
        Files.writeString(page, html.replace(csp, "").replace("</body>", PROBE + "</body>"));

        JsonNode r = probe(page, dir);

        List<String> headings = new ArrayList<>();
        r.get("headings").forEach(h -> headings.add(h.asText()));
        assertEquals(List.of("Losses", "Discriminator accuracy", "Gradient norms", "Metrics", "Evaluations", "Samples",
                "Diagnosis", "Config"), headings);
        assertEquals(14, r.get("images").size(), r.get("images").toString());
        for (JsonNode img : r.get("images")) {
            String alt = img.get("alt").asText();
            assertTrue(img.get("complete").asBoolean(), alt);
            if (alt.startsWith("samples after epoch")) {
                assertEquals(242, img.get("w").asInt(), alt + " decoded");
                assertEquals(242, img.get("h").asInt(), alt + " decoded");
            } else {
                assertEquals(Charts.WIDTH, img.get("w").asInt(), alt + " decoded");
                assertEquals(Charts.HEIGHT, img.get("h").asInt(), alt + " decoded");
            }
        }
        // Markup from the files is text: the title is the page's, the only script is the probe.
        assertEquals("gan4j report: dcgan on fashion-mnist", r.get("title").asText());
        assertEquals(1, r.get("scripts").asInt(), "no script element came from the files");
        assertTrue(r.get("diagnosis").asText().contains("g_grad_norm fell 1000x in 200 steps " + ReportFixtures.SCRIPT),
                r.get("diagnosis").asText());
        assertTrue(r.get("diagnosis").asText().contains("Lower the discriminator's learning rate & add instance noise"));
        assertTrue(r.get("config").asText().contains("\"note\" : \"" + ReportFixtures.SCRIPT + "\""),
                r.get("config").asText());
        assertTrue(r.get("evaluations").asText().contains("gan4j classifier <fashion-mnist>"));
        // Self-contained: nothing fetched, nothing referenced but embedded pictures and in-page links.
        assertEquals(0, r.get("resources").size(), r.get("resources").toString());
        assertEquals(0, r.get("css").size(), r.get("css").toString());
        for (JsonNode url : r.get("urls")) {
            assertTrue(url.asText().startsWith("data:image/png;base64,") || url.asText().startsWith("#"), url.asText());
        }
    }

    /** Loads the page in headless Chromium and returns the probe's findings. */
    private static JsonNode probe(Path page, Path dir) throws Exception {
        Path dom = dir.resolve("dom.html");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
                // Nothing may leave the machine even if the page asked: every host name fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString())
                .redirectOutput(dom.toFile())
                .redirectError(log.toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("Chromium did not finish in 90 s; its log: " + Files.readString(log));
        }
        String out = Files.readString(dom);
        int from = out.indexOf("<pre id=\"probe\">");
        if (p.exitValue() != 0 || from < 0) {
            fail("Chromium (exit " + p.exitValue() + ") printed no probe; its log: " + Files.readString(log));
        }
        String json = out.substring(from + "<pre id=\"probe\">".length(), out.indexOf("</pre>", from));
        // --dump-dom prints the probe's text escaped as HTML.
        json = json.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }
}
