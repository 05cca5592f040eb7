package org.gan4j.core.health;

import java.util.List;
import java.util.Locale;
import org.gan4j.api.train.Diagnosis;

/**
 * Vanishing generator gradients because the discriminator is too strong (Goodfellow et al. 2014,
 * section 3; Arjovsky and Bottou 2017): D rejects nearly every fake with saturated scores, and G's
 * gradient has collapsed relative to its own earlier level, for a sustained window.
 */
final class VanishingGradients implements Detector {

    static final String PROBLEM = "vanishing-gradients";
    static final String TITLE = "Vanishing generator gradients (D too strong)";

    /** Measurements the condition must hold over (medians): about 200 steps, not a passing spike. */
    static final int WINDOW = 20;

    /** D calls at least 99% of the fakes fake: it wins outright. */
    static final double FAKE_ACCURACY = 0.99;

    /**
     * The fakes' mean score lies this far on the fake side of the decision threshold: 4.6 logits is
     * sigmoid 0.01, where log(1 - D) is flat. Least-squares scores (threshold 0.5, targets 0 and 1)
     * never get this far, rightly: their gradient does not saturate.
     */
    static final double SATURATION_MARGIN = 4.6;

    /**
     * G's gradient norm is at most this share of its earlier peak: a collapse by an order of
     * magnitude, where a healthy run's norm wanders within a factor of a few (the default run's
     * stays above a fifth of its peak).
     */
    static final double COLLAPSE_RATIO = 0.1;

    /**
     * Measurements whose median makes one point of G's gradient-norm history, whose peak is the
     * earlier level: a whole window, so that the large, brief gradients of the first steps (an
     * untrained D) are not taken for the run's level.
     */
    static final int SMOOTHING = WINDOW;

    private final String loss;
    private final Episode episode = new Episode(WINDOW);
    private double peak;

    VanishingGradients(String loss) {
        this.loss = loss;
    }

    @Override
    public Diagnosis step(List<Measurement> history) {
        peak = Math.max(peak, Stats.median(Stats.last(history, SMOOTHING), m -> m.generatorGradientNorm()));
        if (history.size() < WINDOW) {
            return null;
        }
        List<Measurement> w = Stats.last(history, WINDOW);
        double fakeAccuracy = Stats.median(w, m -> m.fakeAccuracy());
        double margin = Stats.median(w, m -> m.threshold() - m.fakeScore());
        double norm = Stats.median(w, m -> m.generatorGradientNorm());
        boolean vanishing = fakeAccuracy >= FAKE_ACCURACY && margin >= SATURATION_MARGIN
                && norm <= COLLAPSE_RATIO * peak;
        if (!episode.starts(vanishing)) {
            return null;
        }
        Measurement last = w.get(w.size() - 1);
        String evidence = String.format(Locale.ROOT,
                "over steps %d-%d (medians of %d measurements) D called %.1f%% of the fakes fake with a mean fake"
                        + " score of %.3g, %.3g below its threshold %.3g (saturated), and G's gradient norm fell to %.3g,"
                        + " %.2g%% of its earlier peak %.3g",
                w.get(0).step(), last.step(), w.size(), 100 * fakeAccuracy,
                Stats.median(w, m -> m.fakeScore()), margin, last.threshold(), norm, 100 * norm / peak,
                peak);
        return new Diagnosis(last.step(), last.epoch(), PROBLEM, TITLE, evidence, Remedies.vanishingGradients(loss));
    }
}
