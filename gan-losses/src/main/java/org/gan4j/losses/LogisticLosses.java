package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The log-sigmoid terms shared by the logistic GAN losses, written with softplus so they stay
 * finite for any logit: {@code -log(sigmoid(s)) = softplus(-s)} and {@code -log(1 - sigmoid(s)) =
 * softplus(s)}.
 */
final class LogisticLosses {

    private LogisticLosses() {}

    /**
     * The mean of {@code -log D(x)} for D = sigmoid(scores): the cross-entropy of labelling the
     * samples real.
     *
     * @param scores logits
     * @return a scalar
     */
    static NDArray meanNegLogSigmoid(NDArray scores) {
        return Activation.softPlus(scores.neg()).mean();
    }

    /**
     * The mean of {@code -log(1 - D(x))} for D = sigmoid(scores): the cross-entropy of labelling
     * the samples fake.
     *
     * @param scores logits
     * @return a scalar
     */
    static NDArray meanNegLogOneMinusSigmoid(NDArray scores) {
        return Activation.softPlus(scores).mean();
    }

    /**
     * The discriminator's loss of the original GAN, the binary cross-entropy with real labelled 1
     * and fake labelled 0: {@code -E[log D(x)] - E[log(1 - D(G(z)))]}.
     *
     * @param real logits of real samples
     * @param fake logits of generated samples
     * @return a scalar
     */
    static NDArray discriminatorCrossEntropy(NDArray real, NDArray fake) {
        return meanNegLogSigmoid(real).add(meanNegLogOneMinusSigmoid(fake));
    }
}
