package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.OptionalDouble;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.Options;

/**
 * The least-squares GAN of Mao et al. (2017), with targets 0 for fake and 1 for real: the
 * discriminator minimizes {@code ½E[(D(x) - 1)²] + ½E[D(G(z))²]}, the generator {@code
 * ½E[(D(G(z)) - 1)²]}. Penalizes samples by their distance from the decision boundary, so
 * gradients do not vanish for samples on the right side of it.
 */
public final class LeastSquaresLoss implements AdversarialLossProvider, AdversarialLoss {

    @Override
    public String name() {
        return "least-squares";
    }

    @Override
    public String description() {
        return "least-squares GAN (Mao et al. 2017), targets 0 (fake) and 1 (real)";
    }

    @Override
    public AdversarialLoss create(Options options) {
        return this;
    }

    @Override
    public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
        return Scalars.times(realScores.sub(1).square().mean().add(fakeScores.square().mean()), 0.5);
    }

    @Override
    public NDArray generatorLoss(NDArray fakeScores) {
        return Scalars.times(fakeScores.sub(1).square().mean(), 0.5);
    }

    /** Halfway between the fake target 0 and the real target 1. */
    @Override
    public OptionalDouble decisionThreshold() {
        return OptionalDouble.of(0.5);
    }
}
