package org.gan4j.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gan4j.api.game.AdversarialPair;
import org.gan4j.api.game.DiscriminatorFigures;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.DivergenceEvent;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;

/**
 * Watches a run's health, as a training listener: fed each measured step and each epoch's
 * metrics, it runs the detectors for vanishing generator gradients, mode collapse, oscillation,
 * non-convergence and divergence on the game's first generator/discriminator pair, and reports
 * what they find through the sink it was made with (the trainer passes the diagnoses on to every
 * listener, after the event that showed them). Each problem is reported once when it starts, with
 * its evidence and remedies. After a rollback it starts afresh. Not thread-safe: one run, one
 * thread.
 */
public final class HealthMonitor implements TrainingListener {

    /** Measurements kept: enough for the longest window (oscillation's) with room to spare. */
    static final int HISTORY = 200;

    private final Consumer<Diagnosis> sink;
    private final List<Measurement> history = new ArrayList<>();
    private String loss = "";
    private AdversarialPair pair;
    private List<Detector> detectors = List.of();
    private Divergence divergence;

    /**
     * Creates a monitor.
     *
     * @param sink takes each diagnosis as it is found
     */
    public HealthMonitor(Consumer<Diagnosis> sink) {
        this.sink = sink;
    }

    /**
     * Creates a monitor for a run without a listener's start, for tests and tools: the detectors
     * watch the pair of updates {@code g} and {@code d}.
     *
     * @param loss the run's loss name, to tailor the remedies (minimax gets the non-saturating
     *     loss first, wasserstein weight clipping)
     * @param sink takes each diagnosis
     */
    public HealthMonitor(String loss, Consumer<Diagnosis> sink) {
        this(sink);
        reset(loss, new AdversarialPair("gan", "g", "d"));
    }

    @Override
    public void onStart(TrainingStart start) {
        List<AdversarialPair> pairs = start.game().pairs();
        reset(start.config().loss().name(), pairs.isEmpty() ? null : pairs.get(0));
    }

    private void reset(String lossName, AdversarialPair watched) {
        loss = lossName;
        pair = watched;
        history.clear();
        divergence = new Divergence(loss);
        Oscillation oscillation = new Oscillation();
        detectors = List.of(
                divergence, new VanishingGradients(loss), oscillation, new NonConvergence(oscillation),
                new ModeCollapse());
    }

    @Override
    public void onStep(StepEvent e) {
        StepDiagnostics d = e.diagnostics();
        if (d == null || pair == null) {
            return;
        }
        DiscriminatorFigures f = d.figures().get(pair.name());
        if (f == null) {
            return;
        }
        history.add(new Measurement(e.step(), e.epoch(), e.loss(pair.discriminatorUpdate()),
                e.loss(pair.generatorUpdate()), f.realAccuracy(), f.fakeAccuracy(), f.realScore(), f.fakeScore(),
                f.threshold(), d.gradientNorm(pair.generatorUpdate()), d.gradientNorm(pair.discriminatorUpdate())));
        if (history.size() > HISTORY) {
            history.remove(0);
        }
        for (Detector detector : detectors) {
            report(detector.step(history));
        }
    }

    @Override
    public void onEpoch(EpochEvent e) {
        for (Detector detector : detectors) {
            report(detector.epoch(e, history));
        }
    }

    @Override
    public void onDivergence(DivergenceEvent e) {
        if (divergence != null) {
            report(divergence.nonFinite(e.step(), e.epoch(), e.message()));
        }
        if (e.rolledBack()) {
            // A rollback starts a new stretch of the run: what went before no longer describes it.
            reset(loss, pair);
        }
    }

    private void report(Diagnosis d) {
        if (d != null) {
            sink.accept(d);
        }
    }
}
