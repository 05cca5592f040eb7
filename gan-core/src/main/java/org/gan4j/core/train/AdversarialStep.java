package org.gan4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.core.optim.Adam;

/**
 * The two updates of the adversarial game, each with the other network held fixed. Callers own
 * the arrays: run the updates inside an {@link ai.djl.ndarray.NDScope} to release what they
 * create.
 */
public final class AdversarialStep {

    private final GanNetworkState nets;
    private final AdversarialLoss loss;
    private final Adam generatorAdam;
    private final Adam discriminatorAdam;
    private final List<Parameter> discriminatorParameters;

    /**
     * Creates the step.
     *
     * @param nets the networks
     * @param loss the adversarial loss
     * @param generatorAdam updates the generator's parameters only
     * @param discriminatorAdam updates the discriminator's parameters only
     */
    public AdversarialStep(
            GanNetworkState nets, AdversarialLoss loss, Adam generatorAdam, Adam discriminatorAdam) {
        this.nets = nets;
        this.loss = loss;
        this.generatorAdam = generatorAdam;
        this.discriminatorAdam = discriminatorAdam;
        this.discriminatorParameters = nets.discriminatorParameters();
    }

    /**
     * One discriminator update on a real batch and fakes from the given noise. The generator is
     * held fixed: its fakes are made outside the gradient collector and detached, so this update
     * cannot reach its weights.
     *
     * @param real real samples [N, ...]
     * @param realLabels their labels, or null for unconditional models
     * @param z latent noise [M, latentSize] for the fakes
     * @param fakeLabels labels for the fakes, or null
     * @return the discriminator's loss before the update
     */
    public NDArray updateDiscriminator(NDArray real, NDArray realLabels, NDArray z, NDArray fakeLabels) {
        NDArray fake = nets.generate(z, fakeLabels, true).stopGradient();
        NDArray d;
        try (GradientCollector collector = nets.engine().newGradientCollector()) {
            NDArray realScores = nets.score(real, realLabels, true);
            NDArray fakeScores = nets.score(fake, fakeLabels, true);
            d = loss.discriminatorLoss(realScores, fakeScores);
            collector.backward(d);
        }
        discriminatorAdam.step();
        return d;
    }

    /**
     * One generator update, back-propagated through the discriminator. The discriminator is held
     * fixed: its parameters are excluded from differentiation for the pass, so the gradient flows
     * through it to the generator, and only the generator's optimizer steps.
     *
     * @param z latent noise [M, latentSize]
     * @param fakeLabels labels for the fakes, or null
     * @return the generator's loss before the update
     */
    public NDArray updateGenerator(NDArray z, NDArray fakeLabels) {
        NDArray g;
        GanNetworkState.trackGradients(discriminatorParameters, false);
        try (GradientCollector collector = nets.engine().newGradientCollector()) {
            NDArray fake = nets.generate(z, fakeLabels, true);
            g = loss.generatorLoss(nets.score(fake, fakeLabels, true));
            collector.backward(g);
        } finally {
            GanNetworkState.trackGradients(discriminatorParameters, true);
        }
        generatorAdam.step();
        return g;
    }
}
