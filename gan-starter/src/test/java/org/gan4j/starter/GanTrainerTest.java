package org.gan4j.starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.eval.ToyMetrics;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.TrainedModel;
import org.gan4j.core.plugin.PluginCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class GanTrainerTest {

    private static final PluginCatalog PLUGINS = PluginCatalog.load(GanTrainerTest.class.getClassLoader());

    /** 3 epochs of 4 steps of 32 samples on the ring: a second or two. */
    private static TrainConfig tiny(long seed) {
        return TrainConfig.builder()
                .dataset(new PluginChoice("ring", Map.of("samples", "128")))
                .model(new PluginChoice("mlp", Map.of("g-hidden", "16", "d-hidden", "16")))
                .batchSize(32)
                .epochs(3)
                .evalSamples(200)
                .seed(seed)
                .build();
    }

    private static TrainingSummary train(TrainConfig config, Path dir, TrainingListener extra) {
        return extra == null ? FullRuns.train(config, PLUGINS, dir) : FullRuns.train(config, PLUGINS, dir, extra);
    }

    @Test
    void listenersHearStartStepsEpochsAndEndInOrder(@TempDir Path dir) {
        TrainingListener listener = mock(TrainingListener.class);
        TrainingSummary summary = train(tiny(1), dir.resolve("run"), listener);
        assertEquals(12, summary.steps());
        assertEquals(3, summary.epochs());
        InOrder order = inOrder(listener);
        order.verify(listener).onStart(any(TrainingStart.class));
        for (int epoch = 0; epoch < 3; epoch++) {
            order.verify(listener, times(4)).onStep(any(StepEvent.class));
            order.verify(listener).onEpoch(any(EpochEvent.class));
        }
        order.verify(listener).onEnd(summary);
        order.verifyNoMoreInteractions();
        assertEquals(
                List.of(ToyMetrics.MODES, ToyMetrics.HIGH_QUALITY, ToyMetrics.REVERSE_KL,
                        org.gan4j.api.eval.MetricNames.DIVERSITY),
                List.copyOf(summary.metrics().keySet()),
                "toy metrics and the sample diversity are reported for the ring");
    }

    @Test
    void runDirectoryHoldsConfigMetricsPlotsAndWeights(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        train(tiny(1), out, null);
        RunDirectory run = RunDirectory.open(out);
        TrainConfig written = run.readConfig();
        assertEquals("16", written.model().options().get("g-hidden"));
        assertEquals("relu", written.model().options().get("g-activation"), "options are written with defaults resolved");
        List<String> metrics = Files.readAllLines(run.metricsFile());
        assertEquals("epoch,step,d_loss,g_loss,modes,high_quality_pct,reverse_kl,diversity,seconds,rss_mib", metrics.get(0));
        assertEquals(4, metrics.size());
        assertTrue(metrics.get(3).startsWith("3,12,"), metrics.get(3));
        for (int e = 1; e <= 3; e++) {
            Path png = run.samplesDir().resolve(String.format("epoch-%03d.png", e));
            byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, png.toString());
        }
        assertEquals(12, run.readInfo().steps());
        assertTrue(Files.size(run.finalNetworkFile("discriminator")) > 0);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers(@TempDir Path dir) throws Exception {
        train(tiny(5), dir.resolve("a"), null);
        train(tiny(5), dir.resolve("b"), null);
        train(tiny(6), dir.resolve("c"), null);
        byte[] a = Files.readAllBytes(RunDirectory.open(dir.resolve("a")).finalNetworkFile("generator"));
        byte[] b = Files.readAllBytes(RunDirectory.open(dir.resolve("b")).finalNetworkFile("generator"));
        byte[] c = Files.readAllBytes(RunDirectory.open(dir.resolve("c")).finalNetworkFile("generator"));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertEquals(Files.readString(dir.resolve("a/metrics.csv")).replaceAll(",[0-9.]+,[0-9.]*\n", "\n"),
                Files.readString(dir.resolve("b/metrics.csv")).replaceAll(",[0-9.]+,[0-9.]*\n", "\n"),
                "identical metrics apart from the time and memory columns");
    }

    @Test
    void trainedGeneratorSamplesReproducibly(@TempDir Path dir) {
        Path out = dir.resolve("run");
        train(tiny(2), out, null);
        try (NDManager manager = NDManager.newBaseManager();
                TrainedModel g = TrainedModel.load(RunDirectory.open(out), PLUGINS, manager)) {
            float[] x = g.sample(10, 3, -1);
            assertEquals(20, x.length);
            assertArrayEquals(x, g.sample(10, 3, -1));
            assertFalse(Arrays.equals(x, g.sample(10, 4, -1)));
            // Seeded sampling is sampling from SampleInputs' noise for that seed.
            assertArrayEquals(x, g.sample(org.gan4j.api.data.Noise.normal(3, org.gan4j.api.data.Noise.SAMPLING, 0, 10, g.spec().latentSize()), 10, null));
            assertEquals(
                    "a label was given, but this model takes no labels (it is unconditional)",
                    assertThrows(org.gan4j.api.GanException.class, () -> g.sample(1, 0, 2)).getMessage());
        }
    }

    @Test
    void batchTooLargeForAnEpochOrNotAMultipleOfThePackIsReported(@TempDir Path dir) {
        TrainConfig big = tiny(1).toBuilder().batchSize(256).build();
        ConfigException e = assertThrows(ConfigException.class, () -> train(big, dir.resolve("a"), null));
        assertEquals(
                "dataset 'ring' has 128 samples an epoch, too few for one step of 1 batch(es) of 256; lower batchSize",
                e.getMessage());
        TrainConfig packed =
                tiny(1).toBuilder().model(new PluginChoice("mlp", Map.of("pack", "3"))).build();
        ConfigException p = assertThrows(ConfigException.class, () -> train(packed, dir.resolve("b"), null));
        assertTrue(p.getMessage().startsWith("model 'mlp' needs batches that are a multiple of 3"), p.getMessage());
    }

    @Test
    void aConditionalModelNeedsLabelsAndAnImageModelNeedsImages(@TempDir Path dir) {
        TrainConfig cgan = tiny(1).toBuilder().model(PluginChoice.of("cgan")).build();
        ConfigException c = assertThrows(ConfigException.class, () -> train(cgan, dir.resolve("a"), null));
        assertEquals(
                "model 'cgan' is conditional but dataset 'ring' has no labels; choose a labelled dataset"
                        + " (e.g. shapes, fashion-mnist) or an unconditional model",
                c.getMessage());
        TrainConfig dcgan = tiny(1).toBuilder().model(PluginChoice.of("dcgan")).build();
        ConfigException d = assertThrows(ConfigException.class, () -> train(dcgan, dir.resolve("b"), null));
        assertTrue(d.getMessage().startsWith("model 'dcgan' needs square images with 1 or 3 channels at 28, 32 or 64"
                + " pixels, but the dataset's samples have shape (2)"), d.getMessage());
    }

    @Test
    void anUnconditionalModelIgnoresTheLabelsOfALabelledDataset(@TempDir Path dir) throws Exception {
        TrainConfig dcgan =
                TrainConfig.builder()
                        .model(new PluginChoice("dcgan", Map.of("width", "0.125")))
                        .dataset(new PluginChoice("shapes", Map.of("samples", "64", "size", "28")))
                        .latentSize(8)
                        .batchSize(16)
                        .steps(2)
                        .evalSamples(20)
                        .build();
        Path out = dir.resolve("run");
        train(dcgan, out, null);
        String info = java.nio.file.Files.readString(out.resolve("run.json"));
        assertTrue(info.contains("\"numClasses\" : 0"), info);
        assertTrue(info.contains("\"sampleShape\" : [ 1, 28, 28 ]"), info);
        // The epoch's grid: 20 samples in rows of 8 (3 rows), 28-pixel images at 2x.
        java.awt.image.BufferedImage grid =
                javax.imageio.ImageIO.read(out.resolve("samples/epoch-001.png").toFile());
        assertEquals(2 + 3 * (56 + 2), grid.getHeight());
        assertEquals(2 + 8 * (56 + 2), grid.getWidth());
        // Evaluated at its only epoch on the classifier's features against the training data
        // (shapes has no test split): the metrics in metrics.csv, one line in evaluations.jsonl.
        java.util.List<String> csv = java.nio.file.Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(csv.get(0).contains("fcd,kid,precision,recall,classifier_score"), csv.get(0));
        assertTrue(!csv.get(1).contains("nan"), csv.get(1));
        java.util.List<String> evaluations = java.nio.file.Files.readAllLines(out.resolve("evaluations.jsonl"));
        assertEquals(1, evaluations.size(), evaluations.toString());
        com.fasterxml.jackson.databind.JsonNode line =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(evaluations.get(0));
        assertEquals("training", line.get("source").asText());
        assertEquals(2, line.get("step").asLong());
        assertEquals("shapes training data", line.get("reference").asText());
        assertEquals(64, line.get("referenceSamples").asInt());
        assertEquals(20, line.get("samples").asInt());
        assertTrue(line.get("features").asText().startsWith("gan4j classifier of shapes"), line.toString());
        for (String metric : new String[] {"fcd", "kid", "kid_std", "precision", "recall", "classifier_score"}) {
            assertTrue(line.get("metrics").get(metric).isNumber(), metric + " in " + line);
        }
        assertTrue(line.get("metrics").get("class_accuracy") == null, "unconditional: " + line);
    }

    @Test
    void evaluationRunsAtItsIntervalAndCanBeTurnedOff(@TempDir Path dir) throws Exception {
        TrainConfig base =
                TrainConfig.builder()
                        .model(new PluginChoice("dcgan", Map.of("width", "0.125")))
                        .dataset(new PluginChoice("shapes", Map.of("samples", "64", "size", "28")))
                        .latentSize(8)
                        .batchSize(16)
                        .epochs(3)
                        .evalSamples(20)
                        .evalEvery(2)
                        .build();
        Path every2 = dir.resolve("every2");
        train(base, every2, null);
        java.util.List<String> csv = java.nio.file.Files.readAllLines(every2.resolve("metrics.csv"));
        int fcd = java.util.Arrays.asList(csv.get(0).split(",")).indexOf("fcd");
        assertTrue(fcd > 0, csv.get(0));
        // Epoch 1 is skipped, epoch 2 is due, epoch 3 is the last.
        assertEquals("nan", csv.get(1).split(",")[fcd]);
        assertTrue(Double.isFinite(Double.parseDouble(csv.get(2).split(",")[fcd])), csv.get(2));
        assertTrue(Double.isFinite(Double.parseDouble(csv.get(3).split(",")[fcd])), csv.get(3));
        assertEquals(2, java.nio.file.Files.readAllLines(every2.resolve("evaluations.jsonl")).size());

        Path off = dir.resolve("off");
        train(base.toBuilder().evalEvery(0).build(), off, null);
        assertTrue(!java.nio.file.Files.readString(off.resolve("metrics.csv")).contains("fcd"));
        assertTrue(!java.nio.file.Files.exists(off.resolve("evaluations.jsonl")));
        assertThrows(org.gan4j.api.ConfigException.class, () -> base.toBuilder().evalEvery(-1).build());
    }
}
