package org.gan4j.losses;

import java.util.List;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;

/**
 * WGAN-GP (Gulrajani et al. 2017) as one choice: the Wasserstein critic loss without clipping,
 * plus the gradient penalty on interpolates between real and generated samples (weight 10,
 * target norm 1), trained with 5 critic updates per generator update unless the config says
 * otherwise. The same penalty is available alone as the {@code wgan-gp} regularizer.
 */
public final class WganGpLoss implements AdversarialLossProvider {

    @Override
    public String name() {
        return "wgan-gp";
    }

    @Override
    public String description() {
        return "WGAN-GP (Gulrajani et al. 2017): Wasserstein critic + gradient penalty 10, 5 critic steps";
    }

    @Override
    public List<OptionSpec> options() {
        return GradientPenalty.OPTIONS;
    }

    @Override
    public AdversarialLoss create(Options options) {
        GradientPenalty penalty = new GradientPenalty(options);
        return new WassersteinLoss.Critic(0) {
            @Override
            public List<Regularizer> builtInRegularizers() {
                return List.of(penalty);
            }
        };
    }
}
