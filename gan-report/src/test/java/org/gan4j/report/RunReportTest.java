package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    private static final Pattern IMG = Pattern.compile("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"[^>]*alt=\"([^\"]*)\"");

    private static List<String> images(String html) {
        List<String> alts = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            alts.add(m.group(1));
        }
        return alts;
    }

    /** The text of a section, from its opening tag to the next section's. */
    private static String section(String html, String id) {
        int from = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(from >= 0, "no section " + id);
        int to = html.indexOf("</section>", from);
        return html.substring(from, to);
    }

    @Test
    void aCompleteRunHasEverySectionChartGridAndEvaluation(@TempDir Path dir) throws IOException {
        Path run = ReportFixtures.completeRun(dir.resolve("run"), 300);
        Path written = RunReport.write(run);
        assertEquals(run.resolve("report.html"), written);
        String html = Files.readString(written);
        for (String h : List.of("Losses", "Discriminator accuracy", "Gradient norms", "Metrics", "Evaluations",
                "Samples", "Diagnosis", "Config")) {
            assertTrue(html.contains("</h2>") && html.contains(">" + h + "</h2>"), "heading " + h);
        }
        assertEquals(List.of("Losses per step", "Discriminator accuracy", "Discriminator scores",
                        "Gradient norms (log scale)", "Fréchet distance on classifier features (fcd, lower is better)",
                        "Kernel distance (kid, lower is better)", "Precision and recall (higher is better)",
                        "Sample diversity (diversity, generated / real, 1 matches the data)", "Time and memory", "samples after epoch 1", "samples after epoch 2",
                        "samples after epoch 3", "samples after epoch 4", "samples after epoch 5"),
                images(html), "one chart per metric family, precision with recall, kid_std with kid");
        assertTrue(section(html, "metrics").contains("Not measured in this run (every value nan): class_accuracy."));
        assertFalse(html.contains("id=\"notes\""), "a well-formed run has no notes");
        // Header: what was trained, how far, the final figures.
        assertTrue(html.contains("<th>Model</th><td>dcgan (width=1, note=&lt;script&gt;"), "options escaped");
        assertTrue(html.contains("epoch 5 of 5, step 2340"));
        assertTrue(html.contains("<th>Run time</th><td>8 min 20 s"));
        assertTrue(html.contains("d_loss 0.65, g_loss 1.5, fcd 8, kid 0.01, kid_std 0.002"));
        assertTrue(html.contains("<th>Diagnosis</th><td>2 findings: vanishing-gradients, mode-collapse</td>"));
        // The evaluation table: both lines of evaluations.jsonl and eval.json, which differs from them.
        String evals = section(html, "evaluations");
        assertEquals(3, evals.split("<tr><td>", -1).length - 1, evals);
        assertTrue(evals.contains("<th>fcd</th><th>kid</th><th>precision</th><th>recall</th><th>classifier_score</th>"));
        assertFalse(evals.contains("<th>kid_std</th>"), "the std is shown with its value");
        assertTrue(evals.contains("<td class=\"num\">0.0166 ± 0.0011</td>"));
        assertTrue(evals.contains("<td>fashion-mnist split=test (10000 samples)</td>"));
        assertTrue(evals.contains("<td>gan classifier &lt;fashion-mnist&gt;</td>".replace("gan ", "gan4j ")));
        assertTrue(evals.contains("<td>gan eval</td>"));
        // The diagnosis timeline, with the remedies, escaped.
        String diagnosis = section(html, "diagnosis");
        assertTrue(diagnosis.contains("step 1200, epoch 3 · <code>vanishing-gradients</code>"));
        assertTrue(diagnosis.contains("<h3>Vanishing generator gradients (D too strong)</h3>"));
        assertTrue(diagnosis.contains("<li>Lower the discriminator&#39;s learning rate &amp; add instance noise</li>"));
        assertTrue(diagnosis.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
        assertTrue(diagnosis.contains("<h3>Mode collapse</h3>"));
        // Nothing from the files became markup, and the page loads nothing from outside.
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element at all");
        assertTrue(html.contains("content=\"" + RunReport.CONTENT_SECURITY_POLICY + "\""));
        Matcher urls = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (urls.find()) {
            assertTrue(urls.group(1).startsWith("data:image/png;base64,") || urls.group(1).startsWith("#"),
                    urls.group(1));
        }
        assertFalse(html.contains("url("), "no CSS resources");
        assertTrue(section(html, "config").contains("&quot;epochs&quot; : 5"), "config pretty-printed and escaped");
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(), "written atomically");
        }
    }

    @Test
    void anEmptyDirectoryGivesAPageOfNotesNotAnException(@TempDir Path dir) throws IOException {
        String html = Files.readString(RunReport.write(dir));
        assertTrue(html.contains("No losses recorded yet"));
        assertTrue(html.contains("No metrics yet"));
        assertTrue(html.contains("No evaluations recorded"));
        assertTrue(html.contains("No sample grids yet"));
        assertTrue(html.contains("The health monitor did not run for this run (no health.csv), so there is no diagnosis."));
        assertTrue(html.contains("config.json is missing."));
        assertTrue(html.contains("no epoch finished yet; in progress or stopped"));
        assertEquals(List.of(), images(html));
    }

    @Test
    void aMissingDirectoryIsAnError(@TempDir Path dir) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> RunReport.write(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("not a run directory"), e.getMessage());
    }

    @Test
    void malformedFilesAreNamedInNotesAndTheRestIsShown(@TempDir Path dir) throws IOException {
        Path run = ReportFixtures.completeRun(dir.resolve("run"), 50);
        Files.writeString(run.resolve("config.json"), "{\"model\": {\"name\": \"dcgan\" <b>oops");
        Files.writeString(run.resolve("metrics.csv"), Files.readString(run.resolve("metrics.csv")) + "6,2808,0.7,x\n");
        Files.writeString(run.resolve("health.csv"), "time,loss\n1,2\n");
        Files.writeString(run.resolve("diagnosis.jsonl"),
                Files.readString(run.resolve("diagnosis.jsonl")) + "{\"step\": 2100, \"epo\n[1,2]\n");
        Files.writeString(run.resolve("samples/epoch-002.png"), "not a picture");
        String html = RunReport.render(run);
        String notes = section(html, "notes");
        assertTrue(notes.contains("<li>config.json is malformed: "), notes);
        assertTrue(notes.contains("<li>metrics.csv is malformed: 1 line was skipped (line 7: 4 cells where the header has 13).</li>"),
                notes);
        assertTrue(notes.contains("<li>health.csv is malformed: its header has no &#39;step&#39; column;"), notes);
        assertTrue(notes.contains("<li>diagnosis.jsonl is malformed: 2 lines were skipped (line 3: "), notes);
        assertTrue(notes.contains("<li>samples/epoch-002.png is malformed: it is not a PNG image; left out.</li>"), notes);
        // What could be read is still shown.
        assertEquals(4, images(html).stream().filter(a -> a.startsWith("samples after")).count());
        assertTrue(html.contains("Mean losses per epoch"), "losses fall back to metrics.csv");
        assertTrue(section(html, "diagnosis").contains("<h3>Mode collapse</h3>"));
        String config = section(html, "config");
        assertTrue(config.contains("config.json is malformed; shown as written."));
        assertTrue(config.contains("&lt;b&gt;oops"), "the raw text, escaped");
        assertTrue(html.contains("<th>Config</th><td>config.json is missing or malformed; see the notes</td>"));
    }

    @Test
    void aRunInProgressWithAHalfWrittenLineShowsWhatItHas(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("samples"));
        Files.writeString(run.resolve("config.json"), "{\"model\":{\"name\":\"mlp\"},\"dataset\":{\"name\":\"ring\"},"
                + "\"epochs\":10,\"steps\":0}");
        Files.writeString(run.resolve("metrics.csv"), "epoch,step,d_loss,g_loss,modes,seconds,rss_mib\n"
                + "1,100,1.3,0.8,8,4.2,500\n");
        Files.writeString(run.resolve("health.csv"), ReportFixtures.health(20, 150) + "151,2,0.5");
        String html = RunReport.render(run);
        assertTrue(html.contains("epoch 1 of 10, step 100; in progress or stopped"));
        assertTrue(html.contains("health.csv is malformed: 1 line was skipped (line 22: 3 cells where the header has 10)"));
        assertTrue(html.contains("Losses per step"));
        assertTrue(section(html, "diagnosis").contains("<p class=\"ok\">No problems detected (health monitored from step 7"
                + " to step 150).</p>"));
        assertTrue(images(html).contains("Modes covered (modes)"));
    }

    @Test
    void longHealthFilesAreAveragedToAboutOnePointAPixel(@TempDir Path dir) throws IOException {
        Path run = ReportFixtures.completeRun(dir.resolve("run"), 5000);
        String html = RunReport.render(run);
        assertTrue(section(html, "losses").contains("Each point is the mean of 7 rows."), section(html, "losses"));
        assertTrue(section(html, "gradients").contains("Each point is the mean of 7 rows."));
        assertFalse(section(html, "metrics").contains("Each point is the mean"), "five epochs are drawn as they are");
    }

    @Test
    void evalJsonThatRepeatsAnEvaluationsLineIsShownOnce(@TempDir Path dir) throws IOException {
        Path run = ReportFixtures.completeRun(dir.resolve("run"), 10);
        String last = ReportFixtures.evaluation("gan eval", 2340, 5, 7.9, 0.0099);
        Files.writeString(run.resolve("evaluations.jsonl"), last + "\n");
        // eval.json is the same object, pretty-printed.
        Files.writeString(run.resolve("eval.json"), last.replace(",", ",\n  "));
        String evals = section(RunReport.render(run), "evaluations");
        assertEquals(1, evals.split("<tr><td>", -1).length - 1, evals);
    }

    @Test
    void withoutHealthTheLossesArePerEpochAndTheDiagnosisSaysWhy(@TempDir Path dir) throws IOException {
        Path run = ReportFixtures.completeRun(dir.resolve("run"), 10);
        Files.delete(run.resolve("health.csv"));
        Files.delete(run.resolve("diagnosis.jsonl"));
        String html = RunReport.render(run);
        assertTrue(html.contains("Mean losses per epoch"));
        assertTrue(section(html, "discriminator").contains("No health.csv in this run"));
        assertTrue(section(html, "gradients").contains("No health.csv in this run"));
        assertTrue(section(html, "diagnosis").contains("The health monitor did not run for this run"));
        assertFalse(html.contains("<th>Diagnosis</th>"));
    }

    @Test
    void aGameOfTwoPairsHasASeriesForEveryUpdateAndPair(@TempDir Path dir) throws IOException {
        // The columns HealthCsvWriter writes for a game with updates d_a, d_b and g and pairs a and b.
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        StringBuilder health = new StringBuilder("step,epoch,d_a_loss,d_b_loss,g_loss,a_real_accuracy,a_fake_accuracy,"
                + "a_real_score,a_fake_score,b_real_accuracy,b_fake_accuracy,b_real_score,b_fake_score,g_grad_norm,"
                + "d_a_grad_norm,d_b_grad_norm\n");
        for (int step = 1; step <= 20; step++) {
            health.append(step).append(",1,0.7,0.6,1.5,0.6,0.55,1.2,-1.1,0.7,0.65,0.9,-0.8,0.01,0.5,0.4\n");
        }
        Files.writeString(run.resolve("health.csv"), health.toString());
        Files.writeString(run.resolve("metrics.csv"), "epoch,step,d_a_loss,d_b_loss,g_loss,fcd,seconds,rss_mib\n"
                + "1,20,0.7,0.6,1.5,3.2,4.0,500\n");
        String html = RunReport.render(run);
        assertTrue(html.contains("alt=\"Losses per step\" title=\"d-a, d-b, generator\""), section(html, "losses"));
        assertTrue(html.contains("alt=\"Discriminator accuracy\" title=\"a on real, a on fake, b on real, b on fake\""),
                section(html, "discriminator"));
        assertTrue(html.contains("alt=\"Discriminator scores\" title=\"a real, a fake, b real, b fake\""));
        assertTrue(html.contains("alt=\"Gradient norms (log scale)\" title=\"generator, d-a, d-b\""));
        assertTrue(images(html).contains("Fréchet distance on classifier features (fcd, lower is better)"), images(html).toString());
        assertFalse(section(html, "metrics").contains("d_a_loss"), "an update's loss is not a metric");
    }

    @Test
    void anEmptyDiagnosisWithHealthSaysNoProblems(@TempDir Path dir) throws IOException {
        Path run = ReportFixtures.completeRun(dir.resolve("run"), 10);
        Files.writeString(run.resolve("diagnosis.jsonl"), "");
        String html = RunReport.render(run);
        assertTrue(section(html, "diagnosis").contains("<p class=\"ok\">No problems detected"));
        assertTrue(html.contains("<th>Diagnosis</th><td>no problems detected</td>"));
    }

    @Test
    void manyGridsAreThinnedToTwelveEvenlySpacedWithTheLast(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        for (int e = 1; e <= 40; e++) {
            ReportFixtures.grid(run.resolve(String.format(Locale.ROOT, "samples/epoch-%03d.png", e)), 20, 20, e % 12);
        }
        String html = RunReport.render(run);
        List<String> shown = images(html);
        assertEquals(12, shown.size(), shown.toString());
        assertEquals("samples after epoch 1", shown.get(0));
        assertEquals("samples after epoch 40", shown.get(11));
        assertTrue(html.contains("12 of 40 epochs shown, evenly spaced, and the last."));
        assertEquals(List.of(0, 4, 9, 13, 17, 22, 26, 30, 35, 39), RunReport.choose(IntStream.range(0, 40).boxed().toList(), 10));
        assertEquals(List.of(0, 1, 2), RunReport.choose(List.of(0, 1, 2), 12));
    }

    @Test
    void wideGridsAreScaledDownAndSmallOnesShownAtTwiceTheirSize(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        ReportFixtures.grid(run.resolve("samples/epoch-001.png"), 1300, 650, 3);
        ReportFixtures.grid(run.resolve("samples/epoch-002.png"), 242, 100, 3);
        String html = RunReport.render(run);
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\"")
                .matcher(html);
        assertTrue(m.find());
        byte[] first = java.util.Base64.getDecoder().decode(m.group(1));
        assertEquals(RunReport.MAX_GRID_WIDTH, RunReport.pngWidth(first));
        assertEquals(320, RunReport.pngHeight(first));
        assertEquals("640", m.group(2));
        assertTrue(m.find());
        assertEquals(242, RunReport.pngWidth(java.util.Base64.getDecoder().decode(m.group(1))));
        assertEquals("484", m.group(2));
        assertEquals("200", m.group(3));
    }

    @Test
    void escapingCoversEveryMarkupCharacter() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>&amp;</a>"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void numbersAndDurationsAreWrittenForPeople() {
        assertEquals("3", Html.number(3.0));
        assertEquals("0.3784", Html.number(0.378385));
        assertEquals("12.35", Html.number(12.3456));
        assertEquals("1.230e-05", Html.number(1.23e-5));
        assertEquals("nan", Html.number(Double.NaN));
        assertEquals("12.3 s", Html.duration(12.34));
        assertEquals("3 min 08 s", Html.duration(188));
        assertEquals("2 h 05 min", Html.duration(7500));
    }

    @Test
    void csvCellsThatAreNotNumbersSkipTheRowAndNanIsNotMeasured(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, "epoch,step,fcd\n1,10,nan\n2,20,\n3,30,abc\n4,40,5.5\n");
        List<String> notes = new ArrayList<>();
        CsvTable t = CsvTable.read(f, "epoch", notes);
        assertEquals(3, t.rows().size());
        assertTrue(Double.isNaN(t.column("fcd")[0]) && Double.isNaN(t.column("fcd")[1]));
        assertEquals(5.5, t.last("fcd"));
        assertEquals(List.of("metrics.csv is malformed: 1 line was skipped (line 4: 'abc' in column fcd is not a number)."),
                notes);
        assertEquals(null, CsvTable.read(dir.resolve("absent.csv"), "epoch", notes));
        assertEquals(1, notes.size(), "an absent file is not a problem");
    }
}
