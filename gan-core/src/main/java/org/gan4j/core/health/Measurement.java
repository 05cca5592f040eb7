package org.gan4j.core.health;

/**
 * One measured step of one generator/discriminator pair, as the detectors see it.
 *
 * @param step the step
 * @param epoch its epoch
 * @param dLoss the discriminator's loss
 * @param gLoss the generator's loss
 * @param realAccuracy share of the real batch the discriminator judged real
 * @param fakeAccuracy share of the fake batch it judged fake
 * @param realScore its mean raw score of the real batch
 * @param fakeScore its mean raw score of the fake batch
 * @param threshold the score above which a sample was judged real
 * @param generatorGradientNorm the generator's gradient norm in its update
 * @param discriminatorGradientNorm the discriminator's gradient norm in its update
 */
record Measurement(
        long step,
        int epoch,
        double dLoss,
        double gLoss,
        double realAccuracy,
        double fakeAccuracy,
        double realScore,
        double fakeScore,
        double threshold,
        double generatorGradientNorm,
        double discriminatorGradientNorm) {

    /** The larger of the two mean scores' magnitudes. */
    double scoreMagnitude() {
        return Math.max(Math.abs(realScore), Math.abs(fakeScore));
    }
}
