package org.gan4j.core.train;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.eval.ClassifierAccuracy;
import org.gan4j.core.metrics.ToyMetrics;

/**
 * Progress as plain lines: what the run is, one line an epoch with losses and metrics, a step
 * line when an epoch takes longer than a few seconds, and the final figures. Quiet mode prints
 * only the final figures.
 */
public final class ConsoleProgress implements TrainingListener {

    private static final long STEP_LINE_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean quiet;
    private long startNanos;
    private long lastLineNanos;

    /**
     * Creates the listener.
     *
     * @param out where to print
     * @param quiet print only the final figures
     */
    public ConsoleProgress(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void onStart(TrainingStart s) {
        startNanos = System.nanoTime();
        lastLineNanos = startNanos;
        if (quiet) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "training %s on %s with the %s loss%s: %d steps (%d epochs of %d), batch %d, seed %d%n  run directory: %s%n",
                s.config().model().name(),
                s.config().dataset().name(),
                s.config().loss().name(),
                (s.config().regularizers().isEmpty()
                                ? ""
                                : " + " + s.config().regularizers().stream()
                                        .map(org.gan4j.api.config.PluginChoice::name)
                                        .collect(java.util.stream.Collectors.joining(" + ")))
                        + (s.config().discriminatorSteps() == 1
                                ? ""
                                : ", " + s.config().discriminatorSteps() + " discriminator updates a step"),
                s.totalSteps(),
                s.totalEpochs(),
                s.stepsPerEpoch(),
                s.config().batchSize(),
                s.config().seed(),
                s.runDir());
        out.flush();
    }

    @Override
    public void onStep(StepEvent e) {
        long now = System.nanoTime();
        if (quiet || now - lastLineNanos < STEP_LINE_NANOS) {
            return;
        }
        lastLineNanos = now;
        double rate = e.step() / ((now - startNanos) / 1e9);
        long etaSeconds = Math.round((e.totalSteps() - e.step()) / rate);
        out.printf(
                Locale.ROOT,
                "  step %d/%d (%d%%)  D %.4f  G %.4f  %.0f steps/s  ETA %d:%02d%n",
                e.step(), e.totalSteps(), 100 * e.step() / e.totalSteps(),
                e.discriminatorLoss(), e.generatorLoss(), rate, etaSeconds / 60, etaSeconds % 60);
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        if (!quiet) {
            out.println(message);
            out.flush();
        }
    }

    @Override
    public void onEpoch(EpochEvent e) {
        if (quiet) {
            return;
        }
        lastLineNanos = System.nanoTime();
        double seconds = (lastLineNanos - startNanos) / 1e9;
        out.printf(
                Locale.ROOT,
                "epoch %d/%d  step %d  D %.4f  G %.4f  %s  (%.1f s, %.0f steps/s)%n",
                e.epoch(), e.totalEpochs(), e.step(), e.meanDiscriminatorLoss(), e.meanGeneratorLoss(),
                describe(e.metrics()), seconds, e.step() / seconds);
        out.flush();
    }

    @Override
    public void onEnd(TrainingSummary s) {
        out.printf(
                Locale.ROOT,
                "done: %d steps in %.1f s; %s%n  run directory: %s%n",
                s.steps(), s.seconds(), describe(s.metrics()), s.runDir());
        out.flush();
    }

    /**
     * Formats metrics for people.
     *
     * @param metrics by name
     * @return e.g. "modes 8/8  high-quality 91.2%  reverse KL 0.0031"
     */
    static String describe(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            switch (m.getKey()) {
                case ToyMetrics.MODES -> sb.append(String.format(Locale.ROOT, "modes %.0f", m.getValue()));
                case ToyMetrics.HIGH_QUALITY ->
                        sb.append(String.format(Locale.ROOT, "high-quality %.1f%%", m.getValue()));
                case ToyMetrics.REVERSE_KL ->
                        sb.append(String.format(Locale.ROOT, "reverse KL %.4f", m.getValue()));
                case ClassifierAccuracy.METRIC ->
                        sb.append(String.format(Locale.ROOT, "class accuracy %.1f%%", 100 * m.getValue()));
                default -> sb.append(String.format(Locale.ROOT, "%s %.4g", m.getKey(), m.getValue()));
            }
        }
        return sb.length() == 0 ? "(no metrics for this dataset)" : sb.toString();
    }
}
