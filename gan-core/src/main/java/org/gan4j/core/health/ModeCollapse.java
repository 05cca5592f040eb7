package org.gan4j.core.health;

import java.util.List;
import java.util.Locale;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.eval.MetricNames;

/**
 * Mode collapse (Goodfellow 2016, section 5.1.1; Metz et al. 2016): the generator's samples spread
 * far less than the real data's (the {@value MetricNames#DIVERSITY} metric) and less than they did
 * earlier in the run, or, on the toy mixtures, modes it covered are lost.
 */
final class ModeCollapse implements Detector {

    static final String PROBLEM = "mode-collapse";
    static final String TITLE = "Mode collapse (the generator covers few modes)";

    /**
     * Below a quarter of the real data's mean pairwise distance the samples sit on a few points
     * whatever came before: a collapsed generator from the start has no better earlier level.
     */
    static final double COLLAPSED = 0.25;

    /** Well below the real data's spread: half of it. */
    static final double LOW = 0.5;

    /** ... and fallen to under 70% of the best the run reached: a collapse, not a slow start. */
    static final double FALL = 0.7;

    /** Toy mixtures: losing this many of the modes the run once covered is a collapse, not noise. */
    static final int MODES_LOST = 2;

    /**
     * Modes count as covered only at epochs where at least this share (percent) of the samples is
     * high-quality: an untrained generator's spread-out samples touch most modes by chance (8 of 8
     * with 3% high-quality on the ring), and losing those is learning, not collapse.
     */
    static final double MIN_QUALITY = 50;

    /** An episode ends after two healthy epochs: the toy metrics flicker by a mode from epoch to epoch. */
    private final Episode episode = new Episode(2);
    private double bestDiversity = Double.NaN;
    private double bestModes = Double.NaN;
    private double bestModesQuality = Double.NaN;

    @Override
    public Diagnosis epoch(EpochEvent e, List<Measurement> history) {
        double diversity = e.metrics().getOrDefault(MetricNames.DIVERSITY, Double.NaN);
        double modes = e.metrics().getOrDefault(MetricNames.MODES, Double.NaN);
        double quality = e.metrics().getOrDefault(MetricNames.HIGH_QUALITY, 100.0);
        StringBuilder evidence = new StringBuilder();
        if (diversity < COLLAPSED) {
            evidence.append(String.format(Locale.ROOT,
                    "the generated samples' mean pairwise distance is %.3g of the real data's (diversity %.3g < %.2g)",
                    diversity, diversity, COLLAPSED));
        } else if (diversity < LOW && diversity < FALL * bestDiversity) {
            evidence.append(String.format(Locale.ROOT,
                    "diversity fell to %.3g of the real data's, from %.3g earlier in the run", diversity,
                    bestDiversity));
        }
        if (modes <= bestModes - MODES_LOST) {
            evidence.append(evidence.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "the samples cover %.0f modes, down from %.0f earlier in the run (with %.0f%% of them"
                            + " high-quality then)", modes, bestModes, bestModesQuality));
        }
        if (!(diversity <= bestDiversity)) {
            bestDiversity = diversity;
        }
        if (quality >= MIN_QUALITY && !(modes <= bestModes)) {
            bestModes = modes;
            bestModesQuality = quality;
        }
        if (!episode.starts(evidence.length() > 0)) {
            return null;
        }
        return new Diagnosis(e.step(), e.epoch(), PROBLEM, TITLE, "at the end of epoch " + e.epoch() + " "
                + evidence, Remedies.modeCollapse());
    }
}
