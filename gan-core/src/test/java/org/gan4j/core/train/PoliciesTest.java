package org.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.SettingChange;
import org.gan4j.api.eval.Ranking;
import org.gan4j.core.game.Diverged;
import org.gan4j.core.run.Checkpoints;
import org.gan4j.core.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop's policies, each on its own: learning-rate schedules, checkpoints, divergence. */
class PoliciesTest {

    @Test
    void schedulesScaleTheRatesStepByStep() {
        assertEquals(1.0, LearningRateSchedule.CONSTANT.factor(1, 100));
        assertEquals(1.0, LearningRateSchedule.CONSTANT.factor(100, 100));
        // Linear: step s of T trains at (T - s + 1) / T, the first at the full rate, the last at 1/T.
        assertEquals(1.0, LearningRateSchedule.LINEAR.factor(1, 100));
        assertEquals(0.5, LearningRateSchedule.LINEAR.factor(51, 100));
        assertEquals(0.01, LearningRateSchedule.LINEAR.factor(100, 100), 1e-15);
        assertSame(LearningRateSchedule.LINEAR, LearningRateSchedule.named("linear"));
        assertSame(LearningRateSchedule.CONSTANT, LearningRateSchedule.named("constant"));
        assertEquals("learningRateSchedule must be constant or linear, got 'cosine'",
                assertThrows(ConfigException.class, () -> LearningRateSchedule.named("cosine")).getMessage());
    }

    @Test
    void checkpointsAreDueAtEpochEndsOrEveryNStepsAndAlwaysAtTheEnd() {
        CheckpointPolicy byEpoch = new CheckpointPolicy(0);
        assertFalse(byEpoch.dueWithinEpoch(50));
        assertTrue(byEpoch.dueAtEpochEnd(100, 1000));
        CheckpointPolicy every = new CheckpointPolicy(30);
        assertTrue(every.dueWithinEpoch(60));
        assertFalse(every.dueWithinEpoch(61));
        assertFalse(every.dueAtEpochEnd(100, 1000), "an epoch's end between two due steps");
        assertTrue(every.dueAtEpochEnd(90, 1000));
        assertTrue(every.dueAtEpochEnd(1000, 1000), "the run's end always");
    }

    /** A checkpoint folder with one file, as Checkpoints.write leaves it. */
    private static Checkpoints.Checkpoint checkpoint(Path run, long step) throws Exception {
        Path dir = Files.createDirectories(run.resolve("checkpoints").resolve(String.format("step-%010d", step)));
        Files.writeString(dir.resolve("generator.params"), "weights at " + step);
        return new Checkpoints.Checkpoint(dir, new Checkpoints.State(step, Map.of("generator", step), 1.0));
    }

    @Test
    void theBestCheckpointFollowsTheMainMetricUpwardOnly(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), false);
        Checkpoints checkpoints = new Checkpoints(run);
        CheckpointPolicy policy = new CheckpointPolicy(0);
        policy.keepIfBest(Optional.empty(), checkpoints, checkpoint(run.root(), 10), () -> null);
        assertTrue(checkpoints.bestScore().isEmpty(), "no main metric, no best");
        policy.keepIfBest(Optional.of(new Ranking("modes", 6, 6.2)), checkpoints, checkpoint(run.root(), 20), () -> null);
        assertEquals(Optional.of(6.2), checkpoints.bestScore());
        assertEquals("weights at 20", Files.readString(checkpoints.bestDir().resolve("generator.params")));
        policy.keepIfBest(Optional.of(new Ranking("modes", 5, 5.9)), checkpoints, checkpoint(run.root(), 30), () -> null);
        assertEquals("weights at 20", Files.readString(checkpoints.bestDir().resolve("generator.params")), "worse: kept");
        Checkpoints.Checkpoint[] written = new Checkpoints.Checkpoint[1];
        policy.keepIfBest(Optional.of(new Ranking("modes", 8, 8.9)), checkpoints, null, () -> {
            try {
                written[0] = checkpoint(run.root(), 40);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return written[0];
        });
        assertEquals("weights at 40", Files.readString(checkpoints.bestDir().resolve("generator.params")),
                "a better epoch without a checkpoint of its own gets one written");
        policy.keepIfBest(Optional.of(new Ranking("modes", Double.NaN, Double.NaN)), checkpoints,
                checkpoint(run.root(), 50), () -> null);
        assertEquals(Optional.of(8.9), checkpoints.bestScore(), "a NaN metric is never best");
    }

    @Test
    void divergenceStopsOrRollsBackUpToThreeTimes(@TempDir Path dir) throws Exception {
        Diverged nan = new Diverged("training diverged at step 7: the generator loss is NaN", 7);
        Checkpoints.Checkpoint six = checkpoint(dir, 6);
        GanException stop = assertThrows(GanException.class, () -> new DivergencePolicy("stop").decide(nan, Optional.of(six)));
        assertTrue(stop.getMessage().startsWith("training diverged at step 7: the generator loss is NaN; the last good"
                + " checkpoint is " + six.dir() + " (step 6); lower the learning rates"), stop.getMessage());
        assertEquals(List.of(SettingChange.to("onDivergence", "rollback")), stop.fix().alternatives().get(1));
        GanException none = assertThrows(GanException.class,
                () -> new DivergencePolicy("rollback").decide(nan, Optional.empty()));
        assertTrue(none.getMessage().contains("; no checkpoint was written before it; "), none.getMessage());

        DivergencePolicy rollback = new DivergencePolicy("rollback");
        for (int i = 1; i <= DivergencePolicy.MAX_ROLLBACKS; i++) {
            assertSame(six, rollback.decide(nan, Optional.of(six)));
            assertEquals(i, rollback.rollbacks());
        }
        GanException gaveUp = assertThrows(GanException.class, () -> rollback.decide(nan, Optional.of(six)));
        assertTrue(gaveUp.getMessage().endsWith("(step 6); gave up after 3 rollbacks"), gaveUp.getMessage());
    }
}
