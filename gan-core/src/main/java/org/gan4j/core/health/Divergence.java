package org.gan4j.core.health;

import java.util.List;
import java.util.Locale;
import org.gan4j.api.train.Diagnosis;

/**
 * Divergence in the making: the discriminator's scores or a network's gradient norm growing by
 * orders of magnitude over the lowest level they had in the run, before they overflow into the NaN
 * the trainer stops on. Also reports that NaN when no warning came before it.
 */
final class Divergence implements Detector {

    static final String PROBLEM = "divergence";
    static final String TITLE = "Training is diverging";

    /** The level of a figure is the median of the latest measurements: one spike is not a trend. */
    static final int RECENT = 5;

    /** Two orders of magnitude above the lowest level the run has had: far beyond a healthy run's drift. */
    static final double GROWTH = 100;

    /**
     * Lowest levels are taken as at least this, for scores and gradient norms alike: scores start
     * near 0 and would make any later score look like growth. Divergence thus needs a mean score
     * or a norm of at least 100 as well (a logit of 100 is past any useful confidence; healthy
     * runs' norms stay in the units).
     */
    static final double FLOOR = 1.0;

    private final String loss;
    private final Episode episode = new Episode(RECENT * 4);
    private double scoreLow = Double.POSITIVE_INFINITY;
    private double gLow = Double.POSITIVE_INFINITY;
    private double dLow = Double.POSITIVE_INFINITY;

    Divergence(String loss) {
        this.loss = loss;
    }

    @Override
    public Diagnosis step(List<Measurement> history) {
        if (history.size() < RECENT) {
            return null;
        }
        List<Measurement> w = Stats.last(history, RECENT);
        double score = Stats.median(w, Measurement::scoreMagnitude);
        double g = Stats.median(w, m -> m.generatorGradientNorm());
        double d = Stats.median(w, m -> m.discriminatorGradientNorm());
        scoreLow = Math.min(scoreLow, Math.max(FLOOR, score));
        gLow = Math.min(gLow, Math.max(FLOOR, g));
        dLow = Math.min(dLow, Math.max(FLOOR, d));
        StringBuilder grown = new StringBuilder();
        grew(grown, "the discriminator's mean |score|", score, scoreLow);
        grew(grown, "G's gradient norm", g, gLow);
        grew(grown, "D's gradient norm", d, dLow);
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
        append(out, String.format(Locale.ROOT, "%s grew to %.3g, %.0fx its lowest level in the run (%.3g)", what,
                now, now / base, base));
    }

    private static void append(StringBuilder out, String text) {
        out.append(out.length() == 0 ? "" : "; ").append(text);
    }

    /** @return whether a divergence is being reported (an episode is under way) */
    boolean reported() {
        return episode.active();
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
