package org.gan4j.core.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.eval.MetricNames;

/**
 * Non-convergence (Salimans et al. 2016; Mescheder et al. 2018): the quality metrics have not
 * improved for several epochs while the losses keep swinging, so the game circles instead of
 * approaching an equilibrium. The metrics are those the run has: the toy mixtures' modes and
 * high-quality share, the class accuracy, the Fréchet classifier distance.
 */
final class NonConvergence implements Detector {

    static final String PROBLEM = "non-convergence";
    static final String TITLE = "Non-convergence (quality stalled while the losses swing)";

    /** Epochs without improvement: five gives a slow but healthy run room to move. */
    static final int PATIENCE = 5;

    /** What counts as an improvement of each metric, and in which direction it improves. */
    private static final Map<String, Double> MARGINS = new LinkedHashMap<>();

    static {
        // One more mode covered; two more points of high-quality samples; one more point of class
        // accuracy; a Fréchet distance 2% lower (negative: lower is better, relative margin).
        MARGINS.put(MetricNames.MODES, 1.0);
        MARGINS.put(MetricNames.HIGH_QUALITY, 2.0);
        MARGINS.put(MetricNames.CLASS_ACCURACY, 0.01);
        MARGINS.put(MetricNames.FCD, -0.02);
    }

    private final Oscillation oscillation;
    private final Map<String, Double> best = new LinkedHashMap<>();
    private final Episode episode = new Episode(1);
    private int stalled;

    NonConvergence(Oscillation oscillation) {
        this.oscillation = oscillation;
    }

    @Override
    public Diagnosis epoch(EpochEvent e, List<Measurement> history) {
        boolean tracked = false;
        boolean improved = false;
        for (Map.Entry<String, Double> m : MARGINS.entrySet()) {
            Double value = e.metrics().get(m.getKey());
            if (value == null || !Double.isFinite(value)) {
                continue;
            }
            tracked = true;
            Double b = best.get(m.getKey());
            double margin = m.getValue();
            boolean better = b == null
                    || (margin > 0 ? value >= b + margin : value <= b * (1 + margin));
            boolean newBest = b == null || (margin > 0 ? value > b : value < b);
            if (better) {
                improved = true;
            }
            if (newBest) {
                best.put(m.getKey(), value);
            }
        }
        if (!tracked) {
            return null;
        }
        stalled = improved ? 0 : stalled + 1;
        boolean stuck = stalled >= PATIENCE && oscillation.swinging();
        if (!episode.starts(stuck)) {
            return null;
        }
        StringBuilder bests = new StringBuilder();
        best.forEach((k, v) -> bests.append(bests.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.4g", k, v)));
        String evidence = String.format(Locale.ROOT,
                "no quality metric improved in the last %d epochs (best so far: %s) while over the last window %s",
                stalled, bests, oscillation.swing());
        return new Diagnosis(e.step(), e.epoch(), PROBLEM, TITLE, evidence, Remedies.nonConvergence());
    }
}
