package org.gan4j.core.health;

import java.util.List;
import java.util.Locale;
import org.gan4j.api.train.Diagnosis;

/**
 * Divergence in the making: the discriminator's scores or a network's gradient norm growing by
 * orders of magnitude over their level at the start of the run, before they overflow into the NaN
 * the trainer stops on. Also reports that NaN when no warning came before it.
 */
final class Divergence implements Detector {

    static final String PROBLEM = "divergence";
    static final String TITLE = "Training is diverging";

    /** The first measurements (steps 1-10) set the baseline of each figure. */
    static final int BASELINE = 10;

    /** The current level is the median of the latest measurements: one spike is not a trend. */
    static final int RECENT = 5;

    /** Two orders of magnitude above the baseline: far beyond a healthy run's drift. */
    static final double GROWTH = 100;

    /**
     * Baselines are at least this: scores start near 0 and would make any later score look like
     * growth; a mean score of 100 logits (1e2 times this floor) is past any useful confidence.
     */
    static final double SCORE_FLOOR = 1.0;

    /** Gradient norms' baselines are at least this, so that a near-zero start is not mistaken for a scale. */
    static final double NORM_FLOOR = 0.1;

    private final String loss;
    private final Episode episode = new Episode(BASELINE);
    private double scoreBase = Double.NaN;
    private double gBase = Double.NaN;
    private double dBase = Double.NaN;

    Divergence(String loss) {
        this.loss = loss;
    }

    @Override
    public Diagnosis step(List<Measurement> history) {
        if (history.size() < BASELINE) {
            return null;
        }
        if (Double.isNaN(scoreBase)) {
            List<Measurement> first = history.subList(0, BASELINE);
            scoreBase = Math.max(SCORE_FLOOR, Stats.median(first, Measurement::scoreMagnitude));
            gBase = Math.max(NORM_FLOOR, Stats.median(first, m -> m.d().generatorGradientNorm()));
            dBase = Math.max(NORM_FLOOR, Stats.median(first, m -> m.d().discriminatorGradientNorm()));
        }
        List<Measurement> w = Stats.last(history, RECENT);
        double score = Stats.median(w, Measurement::scoreMagnitude);
        double g = Stats.median(w, m -> m.d().generatorGradientNorm());
        double d = Stats.median(w, m -> m.d().discriminatorGradientNorm());
        StringBuilder grown = new StringBuilder();
        grew(grown, "the discriminator's mean |score|", score, scoreBase);
        grew(grown, "G's gradient norm", g, gBase);
        grew(grown, "D's gradient norm", d, dBase);
        if (!episode.starts(grown.length() > 0)) {
            return null;
        }
        Measurement last = w.get(w.size() - 1);
        String evidence = String.format(Locale.ROOT, "by step %d (median of %d measurements) %s", last.step(),
                w.size(), grown);
        return new Diagnosis(last.step(), last.epoch(), PROBLEM, TITLE, evidence, Remedies.divergence(loss));
    }

    private static void grew(StringBuilder out, String what, double now, double base) {
        if (!(now >= GROWTH * base)) {
            if (Double.isNaN(now) || Double.isInfinite(now)) {
                append(out, String.format(Locale.ROOT, "%s is %s", what, now));
            }
            return;
        }
        append(out, String.format(Locale.ROOT, "%s grew to %.3g, %.0fx its level at the start (%.3g)", what, now,
                now / base, base));
    }

    private static void append(StringBuilder out, String text) {
        out.append(out.length() == 0 ? "" : "; ").append(text);
    }

    /**
     * The trainer stopped on a non-finite loss or weight: reports it, unless an episode of growth
     * was already reported.
     *
     * @param step the step
     * @param epoch its epoch
     * @param cause the trainer's message
     * @return the diagnosis, or null when the divergence was already reported
     */
    Diagnosis nonFinite(long step, int epoch, String cause) {
        if (!episode.starts(true)) {
            return null;
        }
        return new Diagnosis(step, epoch, PROBLEM, TITLE, cause, Remedies.divergence(loss));
    }
}
