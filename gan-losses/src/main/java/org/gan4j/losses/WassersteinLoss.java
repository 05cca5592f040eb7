package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.OptionalDouble;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * The Wasserstein GAN of Arjovsky et al. (2017): the discriminator is a critic that minimizes
 * {@code E[D(G(z))] - E[D(x)]}, the generator minimizes {@code -E[D(G(z))]}. The critic must stay
 * Lipschitz; here, as in the paper, by clipping every critic parameter to [-clip, clip] after each
 * critic update (a constraint, not a penalty). Trained with 5 critic updates per generator update
 * unless the config says otherwise. See {@code wgan-gp} for the gradient-penalty variant.
 */
public final class WassersteinLoss implements AdversarialLossProvider {

    static final String CLIP = "clip";

    @Override
    public String name() {
        return "wasserstein";
    }

    @Override
    public String description() {
        return "Wasserstein GAN (Arjovsky et al. 2017): critic with weight clipping, 5 critic steps";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(new OptionSpec(CLIP, "0.01", "clip critic parameters to [-clip, clip] after each update; 0 for none"));
    }

    @Override
    public AdversarialLoss create(Options options) {
        return new Critic(options.getNonNegativeDouble(CLIP));
    }

    /** The Wasserstein critic objective, with optional weight clipping. */
    static class Critic implements AdversarialLoss {
        private final double clip;

        Critic(double clip) {
            this.clip = clip;
        }

        @Override
        public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
            return fakeScores.mean().sub(realScores.mean());
        }

        @Override
        public NDArray generatorLoss(NDArray fakeScores) {
            return fakeScores.mean().neg();
        }

        @Override
        public void constrainDiscriminator(List<Parameter> parameters) {
            if (clip == 0) {
                return;
            }
            for (Parameter p : parameters) {
                NDArray w = p.getArray();
                try (NDArray clipped = w.clip(-clip, clip)) {
                    w.set(new NDIndex("..."), clipped);
                }
            }
        }

        @Override
        public int preferredDiscriminatorSteps() {
            return 5;
        }

        /** A critic's values have no fixed scale: only the gap between real and fake means anything. */
        @Override
        public OptionalDouble decisionThreshold() {
            return OptionalDouble.empty();
        }
    }
}
