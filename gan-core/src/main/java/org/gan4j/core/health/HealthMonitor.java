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
 * metrics, it runs the detectors for vanishing generator gradients, oscillation and divergence on
 * every generator/discriminator pair the game names, and those for mode collapse and
 * non-convergence (which read the product's metrics) on the first; it reports what they find
 * through the sink it was made with (the trainer passes the diagnoses on to every listener, after
 * the event that showed them). Each problem is reported once when it starts, with its evidence and
 * remedies; in a game of several pairs its title names the pair. After a rollback it starts
 * afresh. Not thread-safe: one run, one thread.
 */
public final class HealthMonitor implements TrainingListener {

    /** Measurements kept: enough for the longest window (oscillation's) with room to spare. */
    static final int HISTORY = 200;

    private final Consumer<Diagnosis> sink;
    private String loss = "";
    private List<AdversarialPair> pairs = List.of();
    private final List<Watch> watches = new ArrayList<>();

    /** One pair's measurements and detectors. */
    private static final class Watch {
        final AdversarialPair pair;
        final List<Measurement> history = new ArrayList<>();
        final Divergence divergence;
        final List<Detector> stepDetectors;
        final List<Detector> epochDetectors;

        Watch(AdversarialPair pair, String loss, boolean first) {
            this.pair = pair;
            divergence = new Divergence(loss);
            Oscillation oscillation = new Oscillation();
            stepDetectors = List.of(divergence, new VanishingGradients(loss), oscillation);
            // The product's metrics are the run's, not a pair's: watched once.
            epochDetectors = first ? List.of(new NonConvergence(oscillation), new ModeCollapse()) : List.of();
        }
    }

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
        reset(loss, List.of(new AdversarialPair("gan", "g", "d")));
    }

    @Override
    public void onStart(TrainingStart start) {
        reset(start.config().loss().name(), start.game().pairs());
    }

    private void reset(String lossName, List<AdversarialPair> watched) {
        loss = lossName;
        pairs = List.copyOf(watched);
        watches.clear();
        for (int i = 0; i < pairs.size(); i++) {
            watches.add(new Watch(pairs.get(i), loss, i == 0));
        }
    }

    @Override
    public void onStep(StepEvent e) {
        StepDiagnostics d = e.diagnostics();
        if (d == null) {
            return;
        }
        for (Watch w : watches) {
            DiscriminatorFigures f = d.figures().get(w.pair.name());
            if (f == null) {
                continue;
            }
            w.history.add(new Measurement(e.step(), e.epoch(), e.loss(w.pair.discriminatorUpdate()),
                    e.loss(w.pair.generatorUpdate()), f.realAccuracy(), f.fakeAccuracy(), f.realScore(),
                    f.fakeScore(), f.threshold(), d.gradientNorm(w.pair.generatorUpdate()),
                    d.gradientNorm(w.pair.discriminatorUpdate())));
            if (w.history.size() > HISTORY) {
                w.history.remove(0);
            }
            for (Detector detector : w.stepDetectors) {
                report(w, detector.step(w.history));
            }
        }
    }

    @Override
    public void onEpoch(EpochEvent e) {
        for (Watch w : watches) {
            for (Detector detector : w.epochDetectors) {
                report(w, detector.epoch(e, w.history));
            }
        }
    }

    @Override
    public void onDivergence(DivergenceEvent e) {
        if (!watches.isEmpty()) {
            // One account of the run's NaN, unless a pair's growth was reported already.
            Watch first = watches.get(0);
            boolean reported = watches.stream().anyMatch(w -> w.divergence.reported());
            if (!reported) {
                report(first, first.divergence.nonFinite(e.step(), e.epoch(), e.message()));
            }
        }
        if (e.rolledBack()) {
            // A rollback starts a new stretch of the run: what went before no longer describes it.
            reset(loss, pairs);
        }
    }

    private void report(Watch w, Diagnosis d) {
        if (d == null) {
            return;
        }
        sink.accept(watches.size() == 1 ? d : new Diagnosis(d.step(), d.epoch(), d.problem(),
                d.title() + " (pair " + w.pair.name() + ")", d.evidence(), d.remedies()));
    }
}
