package org.gan4j.core.health;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.StepEvent;

/**
 * Watches a run's health: fed each step's measurements (on the steps the trainer measures) and
 * each epoch's metrics, it runs the detectors for vanishing generator gradients, mode collapse,
 * oscillation, non-convergence and divergence, and returns what they find. Each problem is
 * reported once when it starts, with its evidence and remedies; the trainer passes the diagnoses
 * to its listeners. Not thread-safe: one run, one thread.
 */
public final class HealthMonitor {

    /** Measurements kept: enough for the longest window (oscillation's) with room to spare. */
    static final int HISTORY = 200;

    private final List<Measurement> history = new ArrayList<>();
    private final List<Detector> detectors;
    private final Divergence divergence;

    /**
     * Creates a monitor for a run.
     *
     * @param loss the run's loss name, to tailor the remedies (minimax gets the non-saturating loss
     *     first, wasserstein weight clipping)
     */
    public HealthMonitor(String loss) {
        divergence = new Divergence(loss);
        Oscillation oscillation = new Oscillation();
        detectors = List.of(
                divergence, new VanishingGradients(loss), oscillation, new NonConvergence(oscillation),
                new ModeCollapse());
    }

    /**
     * Takes a step.
     *
     * @param e the step; steps without diagnostics only count
     * @return the problems that start at this step, usually none
     */
    public List<Diagnosis> step(StepEvent e) {
        if (e.diagnostics() == null) {
            return List.of();
        }
        history.add(new Measurement(e.step(), e.epoch(), e.discriminatorLoss(), e.generatorLoss(), e.diagnostics()));
        if (history.size() > HISTORY) {
            history.remove(0);
        }
        List<Diagnosis> found = new ArrayList<>();
        for (Detector d : detectors) {
            Diagnosis x = d.step(history);
            if (x != null) {
                found.add(x);
            }
        }
        return found;
    }

    /**
     * Takes an epoch's metrics.
     *
     * @param e the epoch
     * @return the problems that start at this epoch, usually none
     */
    public List<Diagnosis> epoch(EpochEvent e) {
        List<Diagnosis> found = new ArrayList<>();
        for (Detector d : detectors) {
            Diagnosis x = d.epoch(e, history);
            if (x != null) {
                found.add(x);
            }
        }
        return found;
    }

    /**
     * The trainer met a NaN or infinite loss or weight.
     *
     * @param step the step
     * @param epoch its epoch
     * @param cause the trainer's one-line message
     * @return a divergence diagnosis, or none when the divergence was already reported
     */
    public List<Diagnosis> nonFinite(long step, int epoch, String cause) {
        Diagnosis d = divergence.nonFinite(step, epoch, cause);
        return d == null ? List.of() : List.of(d);
    }
}
