package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * The logistic GAN losses of Goodfellow et al. (2014), written with softplus so they stay finite
 * for any logit: {@code -log(sigmoid(s)) = softplus(-s)} and {@code -log(1 - sigmoid(s)) =
 * softplus(s)}. The discriminator minimizes the binary cross-entropy, with TF-GAN's one-sided
 * label smoothing as an option; the generator minimizes either the saturating minimax term or
 * the non-saturating one.
 */
final class LogisticLosses implements AdversarialLoss {

    /** The option both logistic losses take. */
    static final OptionSpec LABEL_SMOOTHING =
            new OptionSpec(
                    "label-smoothing", "0", "one-sided label smoothing: real targets become 1 - this (TF-GAN)");

    private final double smoothing;
    private final boolean saturating;

    /**
     * Creates the loss.
     *
     * @param options the plugin's options, holding {@link #LABEL_SMOOTHING}
     * @param saturating true for the minimax generator loss, false for the non-saturating one
     */
    LogisticLosses(Options options, boolean saturating) {
        this.smoothing = options.getFraction(LABEL_SMOOTHING.name());
        this.saturating = saturating;
    }

    /**
     * {@code -E[y log D(x) + (1 - y) log(1 - D(x))]} over reals with target {@code y = 1 -
     * smoothing} plus {@code -E[log(1 - D(G(z)))]} over fakes.
     */
    @Override
    public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
        NDArray realTerm =
                smoothing == 0
                        ? Activation.softPlus(realScores.neg()).mean()
                        // BCE(s, y) = y softplus(-s) + (1 - y) softplus(s)
                        : Scalars.times(Activation.softPlus(realScores.neg()), 1 - smoothing)
                                .add(Scalars.times(Activation.softPlus(realScores), smoothing))
                                .mean();
        return realTerm.add(Activation.softPlus(fakeScores).mean());
    }

    /**
     * Saturating: {@code E[log(1 - D(G(z)))] = -E[softplus(s)]}. Non-saturating: {@code
     * -E[log D(G(z))] = E[softplus(-s)]}.
     */
    @Override
    public NDArray generatorLoss(NDArray fakeScores) {
        return saturating
                ? Activation.softPlus(fakeScores).mean().neg()
                : Activation.softPlus(fakeScores.neg()).mean();
    }
}
