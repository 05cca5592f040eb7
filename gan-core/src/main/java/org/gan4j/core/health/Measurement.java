package org.gan4j.core.health;

import org.gan4j.api.train.StepDiagnostics;

/**
 * One measured step as the detectors see it.
 *
 * @param step the step
 * @param epoch its epoch
 * @param dLoss the discriminator's loss
 * @param gLoss the generator's loss
 * @param d the step's diagnostics
 */
record Measurement(long step, int epoch, double dLoss, double gLoss, StepDiagnostics d) {

    /** The larger of the two mean scores' magnitudes. */
    double scoreMagnitude() {
        return Math.max(Math.abs(d.realScore()), Math.abs(d.fakeScore()));
    }
}
