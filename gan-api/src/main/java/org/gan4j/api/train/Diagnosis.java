package org.gan4j.api.train;

import java.util.List;
import java.util.Objects;
import org.gan4j.api.Remedy;

/**
 * A training problem the health monitor detected, with the figures that show it and what to do
 * about it. One is reported when a problem starts, not at every step it lasts.
 *
 * @param step the step at which it was detected
 * @param epoch the epoch of that step, from 1
 * @param problem a stable id: {@code vanishing-gradients}, {@code mode-collapse}, {@code
 *     oscillation}, {@code non-convergence} or {@code divergence}
 * @param title the problem in a few words, for people
 * @param evidence the measurements that show it, with numbers
 * @param remedies what to try, most likely first, each with the settings that apply it where
 *     there are any
 */
public record Diagnosis(long step, int epoch, String problem, String title, String evidence, List<Remedy> remedies) {

    /** Checks the texts and copies the remedies. */
    public Diagnosis {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(evidence, "evidence");
        remedies = List.copyOf(remedies);
    }
}
