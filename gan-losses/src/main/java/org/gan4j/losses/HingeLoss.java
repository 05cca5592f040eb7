package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.Options;

/**
 * The hinge loss of Lim and Ye (2017) and Miyato et al. (2018): the discriminator minimizes
 * {@code E[max(0, 1 - D(x))] + E[max(0, 1 + D(G(z)))]}, the generator {@code -E[D(G(z))]}.
 */
public final class HingeLoss implements AdversarialLossProvider, AdversarialLoss {

    @Override
    public String name() {
        return "hinge";
    }

    @Override
    public String description() {
        return "hinge loss (Lim and Ye 2017; SNGAN, BigGAN)";
    }

    @Override
    public AdversarialLoss create(Options options) {
        return this;
    }

    @Override
    public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
        return Activation.relu(realScores.neg().add(1)).mean().add(Activation.relu(fakeScores.add(1)).mean());
    }

    @Override
    public NDArray generatorLoss(NDArray fakeScores) {
        return fakeScores.mean().neg();
    }
}
