package org.gan4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.core.autodiff.InputGradients;
import org.gan4j.core.optim.Adam;

/**
 * The two updates of the adversarial game, each with the other network held fixed, with the
 * run's regularizers applied. Callers own the arrays: run the updates inside an {@link
 * ai.djl.ndarray.NDScope} to release what they create.
 */
public final class AdversarialStep {

    private final GanNetworkState nets;
    private final AdversarialLoss loss;
    private final List<Regularizer> regularizers;
    private final Adam generatorAdam;
    private final Adam discriminatorAdam;
    private final List<Parameter> discriminatorParameters;
    private final InputGradients inputGradients;
    private final long seed;
    private final long totalSteps;

    /**
     * Creates the step.
     *
     * @param nets the networks
     * @param loss the adversarial loss
     * @param regularizers the loss's built-in regularizers and the configured ones
     * @param generatorAdam updates the generator's parameters only
     * @param discriminatorAdam updates the discriminator's parameters only
     * @param seed the run's seed, for the regularizers' random draws
     * @param totalSteps the run's length, for annealed regularizers
     */
    public AdversarialStep(
            GanNetworkState nets,
            AdversarialLoss loss,
            List<Regularizer> regularizers,
            Adam generatorAdam,
            Adam discriminatorAdam,
            long seed,
            long totalSteps) {
        this.nets = nets;
        this.loss = loss;
        this.regularizers = List.copyOf(regularizers);
        this.generatorAdam = generatorAdam;
        this.discriminatorAdam = discriminatorAdam;
        this.discriminatorParameters = nets.discriminatorParameters();
        // Looked up once: only penalties need it, and an engine without it fails at their first use.
        InputGradients found;
        try {
            found = InputGradients.forEngine(nets.engine());
        } catch (RuntimeException e) {
            found =
                    (output, input) -> {
                        throw e;
                    };
        }
        this.inputGradients = found;
        this.seed = seed;
        this.totalSteps = totalSteps;
    }

    /**
     * One discriminator update on a real batch and fakes from the given noise. The generator is
     * held fixed: its fakes are made outside the gradient collector and detached, so this update
     * cannot reach its weights. Penalties are added to the loss; the loss's constraint (e.g.
     * weight clipping) is applied after the update.
     *
     * @param real real samples [N, ...]
     * @param realLabels their labels, or null for unconditional models
     * @param z latent noise [M, latentSize] for the fakes
     * @param fakeLabels labels for the fakes, or null
     * @param step the training step, from 1
     * @param update which discriminator update of the step, from 0
     * @return the discriminator's loss (penalties included) before the update
     */
    public NDArray updateDiscriminator(
            NDArray real, NDArray realLabels, NDArray z, NDArray fakeLabels, long step, int update) {
        UpdateContext context = new UpdateContext(nets, inputGradients, seed, step, totalSteps, update);
        NDArray fake = nets.generate(z, fakeLabels, true).stopGradient();
        context.real = transform(real, context);
        context.fake = transform(fake, context);
        context.realLabels = realLabels;
        context.fakeLabels = fakeLabels;
        NDArray d;
        try (GradientCollector collector = nets.engine().newGradientCollector()) {
            NDArray realScores = nets.score(context.real, realLabels, true);
            NDArray fakeScores = nets.score(context.fake, fakeLabels, true);
            d = loss.discriminatorLoss(realScores, fakeScores);
            for (Regularizer r : regularizers) {
                NDArray penalty = r.discriminatorPenalty(context);
                if (penalty != null) {
                    d = d.add(penalty);
                }
            }
            collector.backward(d);
        }
        discriminatorAdam.step();
        loss.constrainDiscriminator(discriminatorParameters);
        return d;
    }

    /**
     * One generator update, back-propagated through the discriminator. The discriminator is held
     * fixed: its parameters are excluded from differentiation for the pass, so the gradient flows
     * through it to the generator, and only the generator's optimizer steps.
     *
     * @param z latent noise [M, latentSize]
     * @param fakeLabels labels for the fakes, or null
     * @param real a real batch, needed by relativistic losses; may be null for the others
     * @param realLabels its labels, or null
     * @param step the training step, from 1
     * @return the generator's loss before the update
     */
    public NDArray updateGenerator(NDArray z, NDArray fakeLabels, NDArray real, NDArray realLabels, long step) {
        UpdateContext context = new UpdateContext(nets, inputGradients, seed, step, totalSteps, -1);
        NDArray g;
        GanNetworkState.trackGradients(discriminatorParameters, false);
        try (GradientCollector collector = nets.engine().newGradientCollector()) {
            NDArray fake = transform(nets.generate(z, fakeLabels, true), context);
            NDArray fakeScores = nets.score(fake, fakeLabels, true);
            if (loss.generatorUsesRealScores()) {
                if (real == null) {
                    throw new IllegalStateException("this loss needs a real batch in the generator update");
                }
                g = loss.generatorLoss(fakeScores, nets.score(transform(real, context), realLabels, true));
            } else {
                g = loss.generatorLoss(fakeScores);
            }
            collector.backward(g);
        } finally {
            GanNetworkState.trackGradients(discriminatorParameters, true);
        }
        generatorAdam.step();
        return g;
    }

    /**
     * Saves the discriminator (weights and optimizer state) so that updates made after this can be
     * undone, as unrolled GANs do (Metz et al. 2016).
     *
     * @return the saved state; {@link DiscriminatorSnapshot#restore()} returns to it
     */
    public DiscriminatorSnapshot snapshotDiscriminator() {
        return new DiscriminatorSnapshot();
    }

    /** A saved discriminator: its weights and its optimizer's state. */
    public final class DiscriminatorSnapshot implements AutoCloseable {
        private final List<NDArray> weights;
        private final Adam.Snapshot optimizer;

        private DiscriminatorSnapshot() {
            weights = discriminatorParameters.stream().map(p -> p.getArray().duplicate()).toList();
            optimizer = discriminatorAdam.snapshot();
        }

        /** Returns the discriminator to the saved weights and optimizer state. */
        public void restore() {
            for (int i = 0; i < weights.size(); i++) {
                Adam.copyInto(discriminatorParameters.get(i).getArray(), weights.get(i));
            }
            discriminatorAdam.restore(optimizer);
        }

        @Override
        public void close() {
            weights.forEach(NDArray::close);
            optimizer.close();
        }
    }

    private NDArray transform(NDArray x, UpdateContext context) {
        NDArray out = x;
        for (Regularizer r : regularizers) {
            out = r.discriminatorInput(out, context);
        }
        return out;
    }
}
