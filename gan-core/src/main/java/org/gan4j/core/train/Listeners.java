package org.gan4j.core.train;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.DivergenceEvent;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;

/**
 * A run's listeners, called in order. Diagnoses that listeners raise while an event is delivered
 * (the health monitor's) are passed to every listener right after that event, so each listener
 * hears of a step before the problems it showed.
 */
final class Listeners {

    private final List<TrainingListener> all;
    private final List<Diagnosis> pending = new ArrayList<>();

    Listeners(List<TrainingListener> listeners) {
        this.all = List.copyOf(listeners);
    }

    /**
     * Queues a diagnosis, to be delivered after the current event.
     *
     * @param d the diagnosis
     */
    void diagnose(Diagnosis d) {
        pending.add(d);
    }

    private void flush() {
        while (!pending.isEmpty()) {
            Diagnosis d = pending.remove(0);
            all.forEach(l -> l.onDiagnosis(d));
        }
    }

    void message(String text) {
        all.forEach(l -> l.onMessage(text));
    }

    void start(TrainingStart start) {
        all.forEach(l -> l.onStart(start));
        flush();
    }

    void step(StepEvent step) {
        all.forEach(l -> l.onStep(step));
        flush();
    }

    void epoch(EpochEvent epoch) {
        all.forEach(l -> l.onEpoch(epoch));
        flush();
    }

    void divergence(DivergenceEvent divergence) {
        all.forEach(l -> l.onDivergence(divergence));
        flush();
    }

    void end(TrainingSummary summary) {
        all.forEach(l -> l.onEnd(summary));
        flush();
    }
}
