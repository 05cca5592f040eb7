package org.gan4j.losses;

import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import java.util.List;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * The original minimax GAN loss of Goodfellow et al. (2014): the discriminator minimizes the
 * binary cross-entropy, and the generator minimizes {@code E[log(1 - D(G(z)))]}, the same value
 * with the opposite sign. This generator loss saturates: when the discriminator confidently
 * rejects the fakes its gradient vanishes, which is why {@code non-saturating} is the usual
 * choice. It is here for fidelity to the paper and for studying that failure.
 */
public final class MinimaxLoss implements AdversarialLossProvider {

    @Override
    public String name() {
        return "minimax";
    }

    @Override
    public String description() {
        return "original minimax GAN loss; the generator minimizes log(1 - D(G(z))), which saturates";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(LogisticLosses.LABEL_SMOOTHING);
    }

    @Override
    public AdversarialLoss create(Options options) {
        return new LogisticLosses(options, true);
    }
}
