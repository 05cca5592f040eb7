package org.gan4j.core.health;

import java.util.List;
import java.util.Locale;
import org.gan4j.api.train.Diagnosis;

/**
 * Oscillation (Goodfellow 2016, section 8.1; Mescheder et al. 2018): the two networks take turns
 * winning instead of settling. Over a long window the discriminator's accuracy on the fakes swings
 * between losing and winning and the generator's loss swings with a large amplitude, with no trend
 * that would show the game going somewhere.
 */
final class Oscillation implements Detector {

    static final String PROBLEM = "oscillation";
    static final String TITLE = "Oscillation (the networks take turns winning)";

    /** Measurements the swing is judged over: about 600 steps, many periods of a typical cycle. */
    static final int WINDOW = 60;

    /**
     * The spread (90th minus 10th percentile) of D's accuracy on the fakes: 0.6 means D goes from
     * rejecting most fakes to accepting most of them within the window. In a settled game it stays
     * near 0.5 with a spread of a few tenths.
     */
    static final double ACCURACY_SWING = 0.6;

    /**
     * The spread of G's loss relative to its median magnitude (at least 1): the loss itself swings
     * by as much as its level. Healthy runs' losses jitter by a few tenths of it.
     */
    static final double LOSS_SWING = 1.0;

    /** No trend: the first and last thirds' medians differ by under a third of the swing. */
    static final double TREND = 1.0 / 3;

    private final Episode episode = new Episode(WINDOW);
    private boolean swinging;
    private String swing = "";

    @Override
    public Diagnosis step(List<Measurement> history) {
        swinging = false;
        if (history.size() < WINDOW) {
            return null;
        }
        List<Measurement> w = Stats.last(history, WINDOW);
        double[] accuracy = Stats.values(w, m -> m.fakeAccuracy());
        double[] g = Stats.values(w, Measurement::gLoss);
        double accuracySwing = Stats.quantile(accuracy, 0.9) - Stats.quantile(accuracy, 0.1);
        double gSwing = Stats.quantile(g, 0.9) - Stats.quantile(g, 0.1);
        double level = Math.max(1, Math.abs(Stats.median(g)));
        int third = WINDOW / 3;
        double trend = Math.abs(Stats.median(Stats.values(w.subList(WINDOW - third, WINDOW), Measurement::gLoss))
                - Stats.median(Stats.values(w.subList(0, third), Measurement::gLoss)));
        swinging = accuracySwing >= ACCURACY_SWING && gSwing >= LOSS_SWING * level;
        swing = String.format(Locale.ROOT,
                "D's accuracy on the fakes ranged %.2f-%.2f (10th-90th percentile) and G's loss %.3g-%.3g (median %.3g)",
                Stats.quantile(accuracy, 0.1), Stats.quantile(accuracy, 0.9), Stats.quantile(g, 0.1),
                Stats.quantile(g, 0.9), Stats.median(g));
        boolean oscillating = swinging && trend < TREND * gSwing;
        if (!episode.starts(oscillating)) {
            return null;
        }
        Measurement last = w.get(w.size() - 1);
        String evidence = String.format(Locale.ROOT, "over steps %d-%d (%d measurements) %s, with no trend (the"
                        + " first and last thirds' median G losses differ by %.3g)",
                w.get(0).step(), last.step(), w.size(), swing, trend);
        return new Diagnosis(last.step(), last.epoch(), PROBLEM, TITLE, evidence, Remedies.oscillation());
    }

    /** Whether the latest window's losses and accuracy swing widely (trend or not). */
    boolean swinging() {
        return swinging;
    }

    /** The latest window's swing, in words. */
    String swing() {
        return swing;
    }
}
