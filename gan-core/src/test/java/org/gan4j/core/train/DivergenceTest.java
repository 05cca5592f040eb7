package org.gan4j.core.train;

import org.gan4j.core.testing.TestRuns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.api.GanException;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NaN loss stops a run naming the step and the last good checkpoint, or rolls back to it. */
class DivergenceTest {

    /** The non-saturating loss, except that the generator's loss is NaN at chosen calls. */
    static final class FlakyLoss implements AdversarialLossProvider {
        final AtomicInteger calls = new AtomicInteger();
        final List<Integer> nanAt;

        FlakyLoss(Integer... nanAt) {
            this.nanAt = List.of(nanAt);
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public AdversarialLoss create(Options options) {
            AdversarialLoss real = PLUGINS.losses().get("non-saturating").create(
                    Options.defaults(AdversarialLossProvider.KIND, PLUGINS.losses().get("non-saturating")));
            return new AdversarialLoss() {
                @Override
                public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
                    return real.discriminatorLoss(realScores, fakeScores);
                }

                @Override
                public NDArray generatorLoss(NDArray fakeScores) {
                    NDArray loss = real.generatorLoss(fakeScores);
                    return nanAt.contains(calls.incrementAndGet()) ? loss.mul(Float.NaN) : loss;
                }
            };
        }
    }

    static final PluginCatalog PLUGINS = PluginCatalog.load(DivergenceTest.class.getClassLoader());

    private static PluginCatalog with(FlakyLoss loss) {
        List<AdversarialLossProvider> losses = new ArrayList<>(PLUGINS.losses().all());
        losses.add(loss);
        return new PluginCatalog(PLUGINS.games(), PLUGINS.models(), PluginRegistry.of(AdversarialLossProvider.KIND, losses),
                PLUGINS.datasets(), PLUGINS.regularizers(), PLUGINS.converters(), List.of(), List.of());
    }

    /** 3 epochs of 4 steps, a checkpoint every 2 steps. */
    private static TrainConfig config(String onDivergence) {
        return TrainConfig.builder()
                .dataset(new PluginChoice("ring", Map.of("samples", "128")))
                .model(new PluginChoice("mlp", Map.of("g-hidden", "16", "d-hidden", "16")))
                .loss(PluginChoice.of("flaky"))
                .batchSize(32)
                .epochs(3)
                .evalSamples(200)
                .checkpointEvery(2)
                .onDivergence(onDivergence)
                .build();
    }

    private static GanTrainer trainer(TrainConfig config, PluginCatalog plugins, Path dir, List<String> messages) {
        RunDirectory run = RunDirectory.create(dir, false);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
        return TestRuns.trainer(config, plugins, run, listener);
    }

    @Test
    void aNanLossStopsTheRunNamingTheStepAndTheLastGoodCheckpoint(@TempDir Path dir) {
        List<String> messages = new ArrayList<>();
        GanException e = assertThrows(GanException.class,
                () -> trainer(config("stop"), with(new FlakyLoss(7)), dir, messages).train().close());
        assertEquals("training diverged at step 7: the generator loss is NaN; the last good checkpoint is "
                + dir.resolve("checkpoints/step-0000000006") + " (step 6); lower the learning rates"
                + " (generatorOptimizer.learningRate, discriminatorOptimizer.learningRate), try another loss, or"
                + " train with onDivergence=rollback", e.getMessage());
        // The fix is structured, for the command line to word as its flags.
        assertEquals(List.of(List.of(org.gan4j.api.SettingChange.to("onDivergence", "rollback"))),
                e.fix().alternatives().subList(1, 2));
    }

    @Test
    void aNanLossIsDiagnosedAsDivergenceWithItsRemedies(@TempDir Path dir) throws Exception {
        List<String> messages = new ArrayList<>();
        assertThrows(GanException.class, () -> trainer(config("stop"), with(new FlakyLoss(7)), dir, messages).train().close());
        List<String> lines = Files.readAllLines(dir.resolve("diagnosis.jsonl"));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("{\"step\":7,\"epoch\":2,\"problem\":\"divergence\",\"title\":\"Training is"
                + " diverging\",\"evidence\":\"training diverged at step 7: the generator loss is NaN\",\"remedies\":["),
                lines.get(0));
        assertTrue(lines.get(0).contains("{\"setting\":\"onDivergence\",\"value\":\"rollback\"}"), lines.get(0));
        assertTrue(lines.get(0).contains("\"text\":\"let training return to its last checkpoint with halved rates when it"
                + " breaks: onDivergence=rollback\""), lines.get(0));
    }

    @Test
    void rollbackReturnsToTheCheckpointWithHalvedRatesAndFinishes(@TempDir Path dir) throws Exception {
        List<String> messages = new ArrayList<>();
        trainer(config("rollback"), with(new FlakyLoss(7)), dir, messages).train().close();
        assertTrue(messages.contains("training diverged at step 7: the generator loss is NaN; rolled back to "
                + dir.resolve("checkpoints/step-0000000006") + " with the learning rates halved (factor 0.5,"
                + " rollback 1 of 3)"), messages.toString());
        String state = Files.readString(dir.resolve("checkpoints/step-0000000012/state.json"));
        assertTrue(state.contains("\"step\" : 12") && state.contains("\"learningRateFactor\" : 0.5"), state);
        assertTrue(Files.isRegularFile(dir.resolve("checkpoints/final/generator.params")));
    }

    @Test
    void aRollbackReplacesTheHealthRowsOfTheStepsItTrainsAgain(@TempDir Path dir) throws Exception {
        // NaN at step 10: back to step 8's checkpoint, so step 9, already measured, is trained again.
        trainer(config("rollback"), with(new FlakyLoss(10)), dir, new ArrayList<>()).train();
        List<String> health = Files.readAllLines(dir.resolve("health.csv"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"),
                health.subList(1, health.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        List<String> diagnoses = Files.readAllLines(dir.resolve("diagnosis.jsonl"));
        assertTrue(diagnoses.get(0).startsWith("{\"step\":10,\"epoch\":3,\"problem\":\"divergence\""), diagnoses.toString());
    }

    @Test
    void rollbackGivesUpAfterThreeTries(@TempDir Path dir) {
        List<String> messages = new ArrayList<>();
        // Step 5 is the 5th generator loss; after each rollback to step 4 it is the next call.
        GanException e = assertThrows(GanException.class,
                () -> trainer(config("rollback"), with(new FlakyLoss(5, 6, 7, 8)), dir, messages).train().close());
        assertEquals("training diverged at step 5: the generator loss is NaN; the last good checkpoint is "
                + dir.resolve("checkpoints/step-0000000004") + " (step 4); gave up after 3 rollbacks", e.getMessage());
        assertEquals(3, messages.stream().filter(m -> m.contains("rolled back to")).count());
    }
}
