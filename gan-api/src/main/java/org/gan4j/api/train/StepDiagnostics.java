package org.gan4j.api.train;

/**
 * What the trainer measured of one step's game, on the steps it measures (every few steps: the
 * figures cost a few reductions and a device-to-host copy). The discriminator's figures are those
 * of the step's last discriminator update, on its real batch and its fakes, after any transform of
 * the inputs (instance noise); the norms are taken before each optimizer step.
 *
 * @param realAccuracy share of the real batch the discriminator judged real, in [0, 1]
 * @param fakeAccuracy share of the fake batch the discriminator judged fake, in [0, 1]
 * @param realScore mean raw discriminator output (logit or critic value) on the real batch
 * @param fakeScore mean raw discriminator output on the fake batch
 * @param threshold the score above which a sample was judged real: the loss's decision threshold,
 *     or the midpoint of the two mean scores for losses that have none (Wasserstein, relativistic)
 * @param generatorGradientNorm global L2 norm of the generator's gradients in its update
 * @param discriminatorGradientNorm global L2 norm of the discriminator's gradients (penalties
 *     included) in its last update
 */
public record StepDiagnostics(
        double realAccuracy,
        double fakeAccuracy,
        double realScore,
        double fakeScore,
        double threshold,
        double generatorGradientNorm,
        double discriminatorGradientNorm) {}
