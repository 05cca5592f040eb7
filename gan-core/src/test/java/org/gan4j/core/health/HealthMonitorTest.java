package org.gan4j.core.health;

import org.gan4j.core.testing.Events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.junit.jupiter.api.Test;

/** Each detector on synthetic diagnostic streams: it fires on its failure, once, and stays quiet on a healthy run. */
class HealthMonitorTest {

    /** The monitor with its diagnoses collected, an event at a time. */
    private static final class Monitor {
        final List<Diagnosis> sink = new ArrayList<>();
        final HealthMonitor monitor;

        Monitor(String loss) {
            monitor = new HealthMonitor(loss, sink::add);
        }

        List<Diagnosis> step(StepEvent e) {
            sink.clear();
            monitor.onStep(e);
            return List.copyOf(sink);
        }

        List<Diagnosis> epoch(EpochEvent e) {
            sink.clear();
            monitor.onEpoch(e);
            return List.copyOf(sink);
        }

        List<Diagnosis> nonFinite(long step, int epoch, String cause) {
            sink.clear();
            monitor.onDivergence(new org.gan4j.api.train.DivergenceEvent(step, epoch, cause, -1));
            return List.copyOf(sink);
        }
    }

    /** A stream of measured steps (every 10 after the first 10, as the trainer measures), 100 steps an epoch. */
    private static final class Stream {
        final Monitor monitor;
        final Random random = new Random(7);
        final List<Diagnosis> found = new ArrayList<>();
        long step;
        int phase;

        Stream(String loss) {
            monitor = new Monitor(loss);
        }

        long nextStep() {
            return step < 10 ? step + 1 : (step / 10 + 1) * 10;
        }

        int epoch() {
            return (int) ((step - 1) / 100) + 1;
        }

        void add(double dLoss, double gLoss, StepDiagnostics d) {
            step = nextStep();
            found.addAll(monitor.step(Events.step(step, 100_000, epoch(), dLoss, gLoss, d)));
            // The steps between measurements only count.
            if (step % 100 == 0) {
                found.addAll(monitor.epoch(epochEvent(Map.of())));
            }
        }

        EpochEvent epochEvent(Map<String, Double> metrics) {
            return Events.epoch(epoch(), 1000, step, 1.37, 0.72, metrics, null);
        }

        /** A settled non-saturating game: D near chance, losses near log 4 and log 2, steady norms. */
        void healthy(int n) {
            for (int i = 0; i < n; i++) {
                double acc = clamp(0.5 + 0.08 * random.nextGaussian());
                add(1.37 + 0.03 * random.nextGaussian(), 0.72 + 0.05 * random.nextGaussian(),
                        Events.diagnostics(clamp(0.5 + 0.08 * random.nextGaussian()), acc,
                                0.1 * random.nextGaussian(), 0.1 * random.nextGaussian(), 0,
                                3 * Math.exp(0.4 * random.nextGaussian()), 1.5 * Math.exp(0.3 * random.nextGaussian())));
            }
        }

        /** D rejects every fake with saturated logits, and G's gradient is all but gone. */
        void dTooStrong(int n, double fakeScore, double threshold) {
            for (int i = 0; i < n; i++) {
                add(0.001, 1e-7, Events.diagnostics(1, 1, 8, fakeScore + random.nextGaussian(), threshold,
                        1e-5 * Math.exp(random.nextGaussian()), 0.01));
            }
        }

        /** D and G take turns winning, a cycle every 20 measurements. */
        void oscillating(int n) {
            for (int i = 0; i < n; i++) {
                boolean dWins = (phase++ / 10) % 2 == 0;
                add(dWins ? 0.3 : 2.5, dWins ? 4 + random.nextDouble() : 0.2 + 0.1 * random.nextDouble(),
                        Events.diagnostics(dWins ? 0.95 : 0.3, dWins ? 0.97 : 0.05, dWins ? 2 : -1, dWins ? -3 : 1.5,
                                0, 5, 3));
            }
        }

        List<String> problems() {
            return found.stream().map(Diagnosis::problem).toList();
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Test
    void aHealthyRunHasNoDiagnosis() {
        Stream s = new Stream("non-saturating");
        s.healthy(1500);
        for (int epoch = 1; epoch <= 12; epoch++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("modes", epoch < 3 ? 6.0 + epoch : 8.0);
            m.put("high_quality_pct", Math.min(90, 10.0 * epoch));
            m.put(org.gan4j.api.eval.MetricNames.DIVERSITY, 1.0 + 0.02 * Math.sin(epoch));
            s.found.addAll(s.monitor.epoch(s.epochEvent(m)));
        }
        assertEquals(List.of(), s.found);
    }

    @Test
    void vanishingGradientsFireOnceWhenDWinsWithSaturatedScoresAndGsGradientCollapses() {
        Stream s = new Stream("minimax");
        s.healthy(100);
        s.dTooStrong(300, -40, 0);
        assertEquals(List.of("vanishing-gradients"), s.problems());
        Diagnosis d = s.found.get(0);
        // The window of 20 measurements must be mostly the failure before the medians show it.
        assertTrue(d.step() > 1000 && d.step() <= 1200, "detected at step " + d.step());
        assertTrue(d.evidence().contains("D called 100.0% of the fakes fake") && d.evidence().contains("earlier peak"),
                d.evidence());
        assertTrue(suggests(d.remedies().subList(0, 1), "loss", "non-saturating"), d.remedies().toString());
        assertTrue(suggests(d.remedies(), "discriminatorOptimizer.learningRate", null), d.remedies().toString());
        assertTrue(suggests(d.remedies(), "regularizers", "instance-noise"));

        // Recovery long enough to end the episode, then a relapse: a second diagnosis.
        s.healthy(100);
        s.dTooStrong(100, -40, 0);
        assertEquals(List.of("vanishing-gradients", "vanishing-gradients"), s.problems());
    }

    @Test
    void vanishingGradientsNeedSaturatedScores() {
        // Least squares: D wins and G's gradient is small, but its scores sit at the target 0, only
        // 0.5 below the threshold: not saturated, and the loss does not saturate anyway.
        Stream s = new Stream("least-squares");
        s.healthy(100);
        s.dTooStrong(300, 0.0, 0.5);
        assertEquals(List.of(), s.problems());
        Stream ns = new Stream("non-saturating");
        ns.healthy(100);
        ns.dTooStrong(300, -40, 0);
        assertEquals(List.of("vanishing-gradients"), ns.problems());
        assertTrue(suggests(ns.found.get(0).remedies().subList(0, 1), "loss", "wgan-gp"), "no minimax advice for another loss");
    }

    @Test
    void modeCollapseFiresOnLowDiversityAndOnLostModes() {
        Monitor m = new Monitor("non-saturating");
        // Collapsed from the start: no earlier level needed.
        List<Diagnosis> d = m.epoch(epoch(1, Map.of(org.gan4j.api.eval.MetricNames.DIVERSITY, 0.01)));
        assertEquals(1, d.size());
        assertEquals("mode-collapse", d.get(0).problem());
        assertTrue(d.get(0).evidence().contains("0.0100 of the real data's"), d.get(0).evidence());
        assertTrue(suggests(d.get(0).remedies(), "unrolledSteps", "5"));
        assertEquals(List.of(), m.epoch(epoch(2, Map.of(org.gan4j.api.eval.MetricNames.DIVERSITY, 0.01))), "once an episode");

        Monitor falling = new Monitor("non-saturating");
        assertEquals(List.of(), falling.epoch(epoch(1, Map.of(org.gan4j.api.eval.MetricNames.DIVERSITY, 0.95))));
        assertEquals(List.of(), falling.epoch(epoch(2, Map.of(org.gan4j.api.eval.MetricNames.DIVERSITY, 0.8))), "a small dip is no collapse");
        d = falling.epoch(epoch(3, Map.of(org.gan4j.api.eval.MetricNames.DIVERSITY, 0.4)));
        assertEquals(1, d.size());
        assertTrue(d.get(0).evidence().contains("fell to 0.400 of the real data's, from 0.950"), d.get(0).evidence());

        Monitor toy = new Monitor("non-saturating");
        // Modes touched by an untrained generator's spread (3% high-quality) are not modes covered.
        assertEquals(List.of(), toy.epoch(epoch(1, Map.of("modes", 8.0, "high_quality_pct", 3.0))));
        assertEquals(List.of(), toy.epoch(epoch(2, Map.of("modes", 5.0, "high_quality_pct", 20.0))));
        assertEquals(List.of(), toy.epoch(epoch(3, Map.of("modes", 8.0, "high_quality_pct", 80.0))));
        assertEquals(List.of(), toy.epoch(epoch(4, Map.of("modes", 7.0, "high_quality_pct", 85.0))), "one mode flickers");
        d = toy.epoch(epoch(5, Map.of("modes", 3.0, "high_quality_pct", 85.0)));
        assertEquals(1, d.size());
        assertTrue(d.get(0).evidence().contains("cover 3 modes, down from 8"), d.get(0).evidence());
    }

    @Test
    void oscillationFiresOnceOnAGameThatTakesTurnsWinning() {
        Stream s = new Stream("non-saturating");
        s.healthy(100);
        s.oscillating(300);
        assertEquals(List.of("oscillation"), s.problems());
        Diagnosis d = s.found.get(0);
        assertTrue(d.evidence().contains("D's accuracy on the fakes ranged 0.05-0.97"), d.evidence());
        assertTrue(suggests(d.remedies(), "regularizers", "r1"));
    }

    @Test
    void nonConvergenceFiresWhenQualityStallsWhileTheLossesSwing() {
        Stream s = new Stream("non-saturating");
        s.healthy(100);
        s.oscillating(100);
        int stalledAt = -1;
        for (int epoch = 1; epoch <= 8; epoch++) {
            s.oscillating(10);
            List<Diagnosis> d = s.monitor.epoch(s.epochEvent(Map.of("modes", 4.0, "high_quality_pct", 30.0)));
            if (!d.isEmpty() && stalledAt < 0) {
                stalledAt = epoch;
                assertEquals("non-convergence", d.get(0).problem());
                assertTrue(d.get(0).evidence().contains("no quality metric improved in the last 5 epochs"),
                        d.get(0).evidence());
            }
        }
        // The first epoch sets the best; five more without improvement.
        assertEquals(6, stalledAt);

        // The same stalled metrics in a settled game are a finished run, not a problem.
        Stream settled = new Stream("non-saturating");
        settled.healthy(200);
        for (int epoch = 1; epoch <= 8; epoch++) {
            settled.healthy(10);
            assertEquals(List.of(), settled.monitor.epoch(
                    settled.epochEvent(Map.of("modes", 8.0, "high_quality_pct", 90.0))));
        }
    }

    @Test
    void divergenceFiresOnScoresGrowingByOrdersOfMagnitudeAndOnceOnTheNanAfter() {
        Stream s = new Stream("wasserstein");
        s.healthy(50);
        for (int i = 0; i < 60; i++) {
            double scale = Math.pow(1.2, i);
            s.add(-scale, scale, Events.diagnostics(0.6, 0.6, scale, -scale, 0, 3 * Math.sqrt(scale), 1.5));
        }
        assertEquals(List.of("divergence"), s.problems());
        Diagnosis d = s.found.get(0);
        assertTrue(d.evidence().contains("the discriminator's mean |score| grew to"), d.evidence());
        assertTrue(suggests(d.remedies(), "loss.options.clip", "0.01"), d.remedies().toString());
        assertTrue(suggests(d.remedies(), "onDivergence", "rollback"));
        assertEquals(List.of(), s.monitor.nonFinite(s.step + 1, 2, "training diverged"), "already reported");

        Monitor sudden = new Monitor("non-saturating");
        List<Diagnosis> nan = sudden.nonFinite(7, 1, "training diverged at step 7: the generator loss is NaN");
        assertEquals(1, nan.size());
        assertEquals("training diverged at step 7: the generator loss is NaN", nan.get(0).evidence());
        assertTrue(suggests(nan.get(0).remedies().subList(0, 1), "generatorOptimizer.learningRate", null));
    }

    @Test
    void everyPairOfAGameIsWatchedAndNamedInItsDiagnoses() {
        // Two discriminators judging one generator (as CycleGAN's two pairs): pair b's
        // discriminator wins outright while pair a's stays at chance.
        List<Diagnosis> found = new ArrayList<>();
        HealthMonitor monitor = new HealthMonitor(found::add);
        org.gan4j.api.game.GameInfo game = new org.gan4j.api.game.GameInfo("two-critics",
                List.of(new org.gan4j.api.game.UpdateSpec("d-a", "a"), new org.gan4j.api.game.UpdateSpec("d-b", "b"),
                        new org.gan4j.api.game.UpdateSpec("g", "generator")),
                List.of(new org.gan4j.api.game.AdversarialPair("a", "g", "d-a"),
                        new org.gan4j.api.game.AdversarialPair("b", "g", "d-b")),
                new org.gan4j.api.game.Product("generator", List.of(org.gan4j.api.game.ProductInput.normal("z", 2)),
                        new ai.djl.ndarray.types.Shape(2)));
        monitor.onStart(new org.gan4j.api.train.TrainingStart(org.gan4j.api.config.TrainConfig.builder().build(),
                new org.gan4j.api.model.ModelSpec(2, new ai.djl.ndarray.types.Shape(2), 0), null, 100_000, 100, 1000, 0,
                game));
        Random random = new Random(3);
        long step = 0;
        for (int i = 0; i < 400; i++) {
            step = step < 10 ? step + 1 : (step / 10 + 1) * 10;
            boolean strong = i >= 100;
            Map<String, Double> losses = new LinkedHashMap<>();
            losses.put("d-a", 1.37);
            losses.put("d-b", strong ? 0.001 : 1.37);
            losses.put("g", strong ? 1e-7 : 0.72);
            Map<String, Double> norms = new LinkedHashMap<>();
            norms.put("d-a", 1.5);
            norms.put("d-b", strong ? 0.01 : 1.5);
            norms.put("g", strong ? 1e-5 * Math.exp(random.nextGaussian()) : 3 * Math.exp(0.4 * random.nextGaussian()));
            Map<String, org.gan4j.api.game.DiscriminatorFigures> figures = new LinkedHashMap<>();
            figures.put("a", new org.gan4j.api.game.DiscriminatorFigures(0.5, 0.5, 0.1, -0.1, 0));
            figures.put("b", strong
                    ? new org.gan4j.api.game.DiscriminatorFigures(1, 1, 8, -40 + random.nextGaussian(), 0)
                    : new org.gan4j.api.game.DiscriminatorFigures(0.5, 0.5, 0.1, -0.1, 0));
            monitor.onStep(new StepEvent(step, 100_000, (int) ((step - 1) / 100) + 1, losses,
                    new org.gan4j.api.train.StepDiagnostics(norms, figures)));
        }
        assertEquals(List.of("vanishing-gradients"), found.stream().map(Diagnosis::problem).toList(), found.toString());
        assertEquals("Vanishing generator gradients (D too strong) (pair b)", found.get(0).title());
    }

    /** Whether a remedy among these changes the setting (to the value, when one is given). */
    private static boolean suggests(List<org.gan4j.api.Remedy> remedies, String setting, String value) {
        return remedies.stream().flatMap(r -> r.alternatives().stream()).flatMap(List::stream)
                .anyMatch(c -> c.setting().equals(setting) && java.util.Objects.equals(c.value(), value));
    }

    private static EpochEvent epoch(int epoch, Map<String, Double> metrics) {
        return Events.epoch(epoch, 100, epoch * 100L, 1.37, 0.72, metrics, null);
    }
}
