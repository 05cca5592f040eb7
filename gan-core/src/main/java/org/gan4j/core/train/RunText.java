package org.gan4j.core.train;

import java.util.Locale;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingWords;
import java.util.Map;
import org.gan4j.api.eval.MetricNames;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingStart;

/**
 * A run's events as text for people, one way for every place that shows them: the console, the
 * SLF4J log ({@link TrainLog}) and the run's {@code train.log}.
 */
public final class RunText {

    private RunText() {}

    /**
     * What a run is about to do, in one line.
     *
     * @param s the run's start
     * @return e.g. "training mlp on ring with the non-saturating loss: 12000 steps (12 epochs of
     *     1000), batch 256, seed 1"
     */
    public static String describe(TrainingStart s) {
        // The adversarial game trains the config's architecture; another game builds what it builds.
        boolean adversarial = s.game() == null || s.game().name().equals("adversarial");
        return String.format(
                Locale.ROOT,
                "training %s on %s with the %s loss%s: %d steps (%d epochs of %d), batch %d, seed %d",
                adversarial ? s.config().model().name() : "the " + s.game().name() + " game",
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
                s.config().seed());
    }

    /**
     * A diagnosis for people: a warning line naming the problem, then its evidence and each remedy
     * on a line of its own.
     *
     * @param d the diagnosis
     * @return the lines, joined by line breaks
     */
    public static String diagnosisLines(Diagnosis d) {
        return diagnosisLines(d, SettingWords.KEYS);
    }

    /**
     * A diagnosis for people, its remedies' settings in given words.
     *
     * @param d the diagnosis
     * @param words how to write settings (the command line writes flags)
     * @return the lines, joined by line breaks
     */
    public static String diagnosisLines(Diagnosis d, SettingWords words) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "warning: %s at step %d (epoch %d): %s", d.problem(), d.step(), d.epoch(), d.title()));
        sb.append(System.lineSeparator()).append("  evidence: ").append(d.evidence());
        for (Remedy r : d.remedies()) {
            sb.append(System.lineSeparator()).append("  try: ").append(r.text(words));
        }
        return sb.toString();
    }

    /**
     * One epoch, in one line.
     *
     * @param e the epoch
     * @param seconds the run's time so far
     * @return e.g. "epoch 12/12  step 12000  D 1.3767  G 0.7050  modes 8  ...  (58.9 s, 204 steps/s)"
     */
    public static String epochLine(EpochEvent e, double seconds) {
        return String.format(
                Locale.ROOT,
                "epoch %d/%d  step %d  %s  %s  (%.1f s, %.0f steps/s)",
                e.epoch(), e.totalEpochs(), e.step(), losses(e.meanLosses()),
                describe(e.metrics()), seconds, e.step() / seconds);
    }

    /**
     * Losses by update, for people: each update's name upper-cased and its loss, e.g. "D 1.3706  G
     * 0.7125".
     *
     * @param losses by update name, in order
     * @return the text
     */
    public static String losses(java.util.Map<String, Double> losses) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        losses.forEach((name, value) -> parts.add(String.format(Locale.ROOT, "%s %.4f", name.toUpperCase(Locale.ROOT), value)));
        return String.join("  ", parts);
    }

    /**
     * Formats metrics for people.
     *
     * @param metrics by name
     * @return e.g. "modes 8/8  high-quality 91.2%  reverse KL 0.0031"
     */
    public static String describe(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            switch (m.getKey()) {
                case MetricNames.MODES -> sb.append(String.format(Locale.ROOT, "modes %.0f", m.getValue()));
                case MetricNames.HIGH_QUALITY ->
                        sb.append(String.format(Locale.ROOT, "high-quality %.1f%%", m.getValue()));
                case MetricNames.REVERSE_KL ->
                        sb.append(String.format(Locale.ROOT, "reverse KL %.4f", m.getValue()));
                case MetricNames.CLASS_ACCURACY ->
                        sb.append(String.format(Locale.ROOT, "class accuracy %.1f%%", 100 * m.getValue()));
                default -> sb.append(String.format(Locale.ROOT, "%s %.4g", m.getKey(), m.getValue()));
            }
        }
        return sb.length() == 0 ? "(no metrics for this dataset)" : sb.toString();
    }
}
