package org.gan4j.report;

import org.gan4j.core.testing.TestRuns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.train.TrainingModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html as a real training run writes it, through the listener TrainingModule registers. */
class ReportWriterTest {

    private static final PluginCatalog PLUGINS = PluginCatalog.load(ReportWriterTest.class.getClassLoader());

    /** 3 epochs of 4 steps of 32 samples on the ring: a second or two. */
    private static TrainConfig tiny() {
        return TrainConfig.builder()
                .dataset(new PluginChoice("ring", Map.of("samples", "128")))
                .model(new PluginChoice("mlp", Map.of("g-hidden", "16", "d-hidden", "16")))
                .batchSize(32)
                .epochs(3)
                .evalSamples(200)
                .seed(3)
                .build();
    }

    private static TrainingSummary train(RunDirectory run, TrainingListener after) {
        List<TrainingListener> listeners = new ArrayList<>(ReportListeners.of(run));
        listeners.add(after);
        // gan-eval's metrics as a stand-in evaluation gives them: the report charts what metrics.csv holds.
        org.gan4j.api.eval.Evaluation metrics = setup -> (samples, epoch, total, step) -> {
            Map<String, Double> m = new java.util.LinkedHashMap<>();
            m.put("modes", 6.0 + epoch);
            m.put("high_quality_pct", 20.0 * epoch);
            m.put("diversity", 0.9);
            return m;
        };
        try (var gan = TestRuns.trainer(tiny(), PLUGINS, run, List.of(metrics), listeners.toArray(TrainingListener[]::new))
                .train()) {
            return gan.summary();
        }
    }

    @Test
    void eachEpochsReportShowsThatEpochAndTheLastOneTheFinishedRun(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), false);
        Path report = run.root().resolve(RunReport.FILE_NAME);
        List<String> seen = new ArrayList<>();
        train(run, new TrainingListener() {
            @Override
            public void onEpoch(EpochEvent e) {
                try {
                    String html = Files.readString(report);
                    seen.add(e.epoch() + ": " + html.contains("<td>epoch " + e.epoch() + " of 3, step " + e.step() + ";")
                            + " " + html.contains("alt=\"samples after epoch " + e.epoch() + "\""));
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            }
        });
        assertEquals(List.of("1: true true", "2: true true", "3: true true"), seen,
                "written after metrics.csv and the epoch's plot, before later listeners");
        String html = Files.readString(report);
        assertTrue(html.contains("<td>epoch 3 of 3, step 12; finished</td>"), "rewritten at the end");
        assertTrue(html.contains("<th>Model</th><td>mlp ("));
        // A real run has the health monitor's health.csv, so its curves are per step.
        assertTrue(html.contains("alt=\"Losses per step\""));
        assertTrue(html.contains("alt=\"Discriminator accuracy\""));
        assertTrue(html.contains("alt=\"Gradient norms (log scale)\""));
        assertTrue(html.contains("alt=\"Sample diversity (diversity, generated / real, 1 matches the data)\""));
        assertTrue(html.contains("alt=\"Modes covered (modes)\""));
        assertTrue(html.contains("alt=\"High-quality samples (high_quality_pct, %)\""));
        assertTrue(html.contains("alt=\"Time and memory\""));
        assertTrue(html.contains("&quot;evalSamples&quot; : 200"), "the config");
        assertTrue(!html.contains("id=\"notes\""), "a real run's files are all well-formed");
    }

    @Test
    void aReportThatCannotBeWrittenDoesNotStopTraining(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("run");
        // A non-empty directory where report.html goes: every write of the page fails.
        Files.createDirectories(root.resolve(RunReport.FILE_NAME).resolve("in-the-way"));
        RunDirectory run = RunDirectory.create(root, true);
        // The SLF4J binding of the tests (slf4j-simple) prints to System.err as it finds it at each event.
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        TrainingSummary summary;
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            summary = train(run, new TrainingListener() {});
        } finally {
            System.setErr(err);
        }
        List<String> warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("WARN org.gan4j.train - cannot write")).toList();
        assertEquals(1, warnings.size(), "one warning, not one an epoch: " + warnings);
        assertTrue(warnings.get(0).contains("report.html after epoch 1; training goes on without it: "), warnings.get(0));
        assertEquals(12, summary.steps());
        assertTrue(Files.isRegularFile(run.finalNetworkFile("generator")), "the run finished and saved its generator");
        assertTrue(Files.isDirectory(root.resolve(RunReport.FILE_NAME)));
        try (var files = Files.list(root)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(),
                    "failed writes leave no temporary files");
        }
    }
}
