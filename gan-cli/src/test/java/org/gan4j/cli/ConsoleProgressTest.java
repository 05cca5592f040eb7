package org.gan4j.cli;

import org.gan4j.core.testing.Events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.eval.ToyMetrics;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static final String NL = System.lineSeparator();
    private static final Path RUN = Path.of("runs", "r");

    /** 1,000 steps in 4 epochs of 250, resumed at {@code startStep}. */
    private static TrainingStart start(long startStep) {
        TrainConfig config = TrainConfig.builder().discriminatorSteps(1).batchSize(64).seed(7).build();
        return Events.start(config, new ModelSpec(2, new Shape(2), 0), RUN, 1000, 4, 250, startStep);
    }

    private static Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(ToyMetrics.MODES, 8.0);
        m.put(ToyMetrics.HIGH_QUALITY, 90.0);
        m.put(ToyMetrics.REVERSE_KL, 0.0015);
        return m;
    }

    private static EpochEvent epoch(int epoch, long step) {
        return Events.epoch(epoch, 4, step, 1.25, 0.75, metrics(), null);
    }

    @Test
    void notATerminalPrintsTheSamePlainLinesAsBefore() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false, false, () -> 100);
        p.onMessage("resuming from x at step 0 of 1000");
        p.onStart(start(0));
        for (long s = 1; s <= 250; s++) {
            p.onStep(Events.step(s, 1000, 1, 1.0, 0.5));
        }
        p.onEpoch(epoch(1, 250));
        p.onEnd(new TrainingSummary(RUN, 250, 1, 1.5, metrics()));
        String out = text.toString();
        // The exact lines: scripts and tests read them. No bar, no carriage returns.
        assertTrue(out.startsWith("resuming from x at step 0 of 1000" + NL
                + "training mlp on ring with the non-saturating loss: 1000 steps (4 epochs of 250), batch 64, seed 7" + NL
                + "  run directory: " + RUN + NL + "epoch 1/4  step 250  D 1.2500  G 0.7500  modes 8  high-quality"
                + " 90.0%  reverse KL 0.0015  ("), out);
        assertTrue(out.endsWith(" steps/s)" + NL + "done: 250 steps in 1.5 s; modes 8  high-quality 90.0%  reverse KL"
                + " 0.0015" + NL + "  run directory: " + RUN + NL), out);
        assertFalse(out.contains("\r"), out);
        assertEquals(6, out.lines().count(), out);
    }

    @Test
    void onATerminalABarShowsStepRateRemainingTimeAndTheLatestLosses() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false, true, () -> 120);
        p.onStart(start(0));
        for (long s = 1; s <= 500; s++) {
            p.onStep(Events.step(s, 1000, 1 + (int) ((s - 1) / 250), 1.0 + s / 1000.0, 0.5));
        }
        p.close();
        String out = text.toString();
        String last = lastDrawing(out);
        assertTrue(last.startsWith("train  50% "), last);
        assertTrue(last.contains(" 500/1000 it "), last);
        // Elapsed / remaining, then the rate over the exact elapsed time (never "?" once steps are done).
        assertTrue(Pattern.compile("\\(0:00:\\d\\d / 0:00:\\d\\d\\) \\d+\\.\\d it/s").matcher(last).find(), last);
        assertTrue(last.endsWith(" it/s  D 1.5000  G 0.5000"), last);
        assertTrue(last.length() <= 120, "fits the terminal: " + last.length());
        assertFalse(out.contains("  step "), "no plain step lines under a bar: " + out);
        assertTrue(out.endsWith(NL), "the bar's line is ended, so an error message starts a line of its own");
    }

    @Test
    void epochLinesAndMessagesPrintAboveTheBarWhichIsDrawnAgainBelowThem() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false, true, () -> 100);
        p.onStart(start(0));
        for (long s = 1; s <= 250; s++) {
            p.onStep(Events.step(s, 1000, 1, 1.0, 0.5));
        }
        waitFor(text, "250/1000");
        p.onEpoch(epoch(1, 250));
        p.onMessage("  checkpoint runs/r/checkpoints/step-0000000250");
        p.onEnd(new TrainingSummary(RUN, 250, 1, 1.5, metrics()));
        String out = text.toString();
        // The bar is wiped ("\r", spaces, "\r"), the line takes its place, and the bar follows on the next line.
        Matcher epoch = Pattern.compile("\r +\r(epoch 1/4  step 250  D 1\\.2500 [^\r\n]*)" + NL + "train ").matcher(out);
        assertTrue(epoch.find(), out);
        assertTrue(Pattern.compile("\r +\r  checkpoint runs/r/checkpoints/step-0000000250" + NL + "train ")
                .matcher(out).find(), out);
        assertTrue(out.endsWith(NL + "done: 250 steps in 1.5 s; modes 8  high-quality 90.0%  reverse KL 0.0015" + NL
                + "  run directory: " + RUN + NL), out);
    }

    @Test
    void aDiagnosisPrintsAWarningWithItsEvidenceAndRemediesAboveTheBar() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false, true, () -> 100);
        p.onStart(start(0));
        for (long s = 1; s <= 300; s++) {
            p.onStep(Events.step(s, 1000, 2, 1.0, 0.5));
        }
        waitFor(text, "300/1000");
        p.onDiagnosis(new Diagnosis(300, 2, "mode-collapse", "Mode collapse", "diversity 0.1",
                java.util.List.of(org.gan4j.api.Remedy.of("unroll D", org.gan4j.api.SettingChange.to("unrolledSteps", 5)),
                        org.gan4j.api.Remedy.of("use WGAN-GP", org.gan4j.api.SettingChange.to("loss", "wgan-gp")))));
        p.close();
        String out = text.toString();
        assertTrue(Pattern.compile("\r +\r" + Pattern.quote("warning: mode-collapse at step 300 (epoch 2): Mode collapse" + NL
                + "  evidence: diversity 0.1" + NL + "  try: unroll D: --unrolled-steps 5" + NL + "  try: use WGAN-GP: --loss wgan-gp" + NL)
                + "train ").matcher(out).find(), out);

        StringWriter plain = new StringWriter();
        ConsoleProgress lines = new ConsoleProgress(new PrintWriter(plain), false, false, () -> 100);
        lines.onDiagnosis(new Diagnosis(300, 2, "divergence", "Training is diverging", "scores grew", java.util.List.of()));
        assertEquals("warning: divergence at step 300 (epoch 2): Training is diverging" + NL + "  evidence: scores grew" + NL,
                plain.toString());
    }

    @Test
    void aResumedRunsBarStartsAtItsCheckpointsStep() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false, true, () -> 100);
        p.onStart(start(600));
        waitFor(text, "600/1000");
        String first = lastDrawing(text.toString());
        assertTrue(first.startsWith("train  60% "), first);
        // No step of this session yet: no rate and no remaining time to show.
        assertTrue(first.contains("(0:00:00 / ?) ? it/s"), first);
        p.onStep(Events.step(601, 1000, 3, 1.0, 0.5));
        p.close();
        String last = lastDrawing(text.toString());
        assertTrue(last.contains(" 601/1000 it "), last);
    }

    @Test
    void quietPrintsOnlyTheFinalFiguresEvenOnATerminal() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), true, true, () -> 100);
        p.onStart(start(0));
        p.onStep(Events.step(1, 1000, 1, 1.0, 0.5));
        p.onEpoch(epoch(1, 250));
        p.onMessage("checkpoint");
        p.onEnd(new TrainingSummary(RUN, 250, 1, 1.5, metrics()));
        assertEquals("done: 250 steps in 1.5 s; modes 8  high-quality 90.0%  reverse KL 0.0015" + NL
                + "  run directory: " + RUN + NL, text.toString());
    }

    /** The bar as last drawn: the text after the last carriage return, trailing padding removed. */
    private static String lastDrawing(String out) {
        return out.substring(out.lastIndexOf('\r') + 1).strip();
    }

    /**
     * Waits for the bar's thread to have drawn {@code what}. Sleeps rather than spins, so that on a
     * loaded machine the wait does not take the CPU the drawing thread needs; the deadline only
     * stops a broken bar from hanging the build.
     */
    private static void waitFor(StringWriter text, String what) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!text.toString().contains(what)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not drawn in 60 s: " + what + "; output: " + text);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the bar", e);
            }
        }
    }
}
