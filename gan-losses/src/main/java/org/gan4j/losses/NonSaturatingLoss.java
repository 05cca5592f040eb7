package org.gan4j.losses;

import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import java.util.List;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * The non-saturating ("modified minimax") GAN loss of Goodfellow et al. (2014): the discriminator
 * minimizes the binary cross-entropy, and the generator minimizes {@code -E[log D(G(z))]}. Same
 * fixed point as the minimax game, but the generator's gradient stays strong when the
 * discriminator rejects its samples early in training.
 */
public final class NonSaturatingLoss implements AdversarialLossProvider {

    @Override
    public String name() {
        return "non-saturating";
    }

    @Override
    public String description() {
        return "non-saturating GAN loss; the generator minimizes -log D(G(z)) (the usual default)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(LogisticLosses.LABEL_SMOOTHING);
    }

    @Override
    public AdversarialLoss create(Options options) {
        return new LogisticLosses(options, false);
    }
}
