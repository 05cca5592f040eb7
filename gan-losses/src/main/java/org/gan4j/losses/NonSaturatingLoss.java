package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.Options;

/**
 * The non-saturating ("modified minimax") GAN loss of Goodfellow et al. (2014): the discriminator
 * minimizes the binary cross-entropy, and the generator minimizes {@code -E[log D(G(z))]}. Same
 * fixed point as the minimax game, but the generator's gradient stays strong when the
 * discriminator rejects its samples early in training.
 */
public final class NonSaturatingLoss implements AdversarialLossProvider, AdversarialLoss {

    @Override
    public String name() {
        return "non-saturating";
    }

    @Override
    public String description() {
        return "non-saturating GAN loss; the generator minimizes -log D(G(z)) (the usual default)";
    }

    @Override
    public AdversarialLoss create(Options options) {
        return this;
    }

    @Override
    public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
        return LogisticLosses.discriminatorCrossEntropy(realScores, fakeScores);
    }

    @Override
    public NDArray generatorLoss(NDArray fakeScores) {
        return LogisticLosses.meanNegLogSigmoid(fakeScores);
    }
}
