package org.gan4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.OptionalDouble;
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
    private final OptionalDouble threshold;
    private boolean measuring;
    private DiscriminatorFigures discriminatorFigures;
    private double generatorGradientNorm = Double.NaN;

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
        this.threshold = loss.decisionThreshold();
    }

    /**
     * Whether the following updates measure the game for the health monitor: the
     * discriminator's accuracy and mean scores on its batches and both networks' gradient norms.
     * Off by default: measuring costs a few reductions and a copy to the host per update.
     *
     * @param on whether to measure
     */
    public void measure(boolean on) {
        measuring = on;
        if (on) {
            discriminatorFigures = null;
            generatorGradientNorm = Double.NaN;
        }
    }

    /**
     * The figures of the last discriminator update made while measuring.
     *
     * @return the figures, or null when no update was measured since {@link #measure(boolean)}
     */
    public DiscriminatorFigures discriminatorFigures() {
        return discriminatorFigures;
    }

    /**
     * The global L2 norm of the generator's gradients in the last generator update made while
     * measuring.
     *
     * @return the norm, or NaN when no update was measured since {@link #measure(boolean)}
     */
    public double generatorGradientNorm() {
        return generatorGradientNorm;
    }

    /**
     * One discriminator update's figures.
     *
     * @param realAccuracy share of the real batch scored above the threshold
     * @param fakeAccuracy share of the fake batch scored at or below it
     * @param realScore mean score of the real batch
     * @param fakeScore mean score of the fake batch
     * @param threshold the decision threshold used: the loss's, or the midpoint of the two means
     * @param gradientNorm global L2 norm of the discriminator's gradients before its step
     */
    public record DiscriminatorFigures(
            double realAccuracy,
            double fakeAccuracy,
            double realScore,
            double fakeScore,
            double threshold,
            double gradientNorm) {}

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
        // Everything the update creates (the fakes, both forward passes, the graph) is released
        // when it ends, not when the caller's step ends: the generator update that follows then
        // starts from the memory a step starts with, as in PyTorch, where dropped references free
        // tensors at once. Only the returned loss moves to the caller's scope.
        NDArray d;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            d = discriminatorUpdate(real, realLabels, z, fakeLabels, step, update);
            NDScope.unregister(d);
        }
        NDScope.register(d);
        return d;
    }

    private NDArray discriminatorUpdate(
            NDArray real, NDArray realLabels, NDArray z, NDArray fakeLabels, long step, int update) {
        UpdateContext context = new UpdateContext(nets, inputGradients, seed, step, totalSteps, update);
        NDArray fake;
        try (NDScope generator = new NDScope()) {
            generator.suppressNotUsedWarning();
            // The generator's activations are not needed past its output.
            fake = nets.generate(z, fakeLabels, true).stopGradient();
            NDScope.unregister(fake);
        }
        NDScope.register(fake);
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
            if (measuring) {
                discriminatorFigures = discriminatorFigures(realScores, fakeScores);
            }
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
        // As in the discriminator update: what the update creates is released when it ends.
        NDArray g;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            g = generatorUpdate(z, fakeLabels, real, realLabels, step);
            NDScope.unregister(g);
        }
        NDScope.register(g);
        return g;
    }

    private NDArray generatorUpdate(NDArray z, NDArray fakeLabels, NDArray real, NDArray realLabels, long step) {
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
        if (measuring) {
            generatorGradientNorm = Math.sqrt(squaredNorm(nets.generatorParameters()).getFloat());
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

    /** Accuracy, mean scores and gradient norm of a discriminator update, read in one copy. */
    private DiscriminatorFigures discriminatorFigures(NDArray realScores, NDArray fakeScores) {
        NDArray real = realScores.stopGradient().flatten().toType(DataType.FLOAT32, false);
        NDArray fake = fakeScores.stopGradient().flatten().toType(DataType.FLOAT32, false);
        NDArray realMean = real.mean();
        NDArray fakeMean = fake.mean();
        NDArray t = threshold.isPresent()
                ? real.getManager().create((float) threshold.getAsDouble())
                : realMean.add(fakeMean).div(2);
        NDArray realAccuracy = real.gt(t).toType(DataType.FLOAT32, false).mean();
        NDArray fakeAccuracy = fake.lte(t).toType(DataType.FLOAT32, false).mean();
        float[] v = NDArrays.stack(new NDList(
                realAccuracy, fakeAccuracy, realMean, fakeMean, t, squaredNorm(discriminatorParameters)))
                .toFloatArray();
        return new DiscriminatorFigures(v[0], v[1], v[2], v[3], v[4], Math.sqrt(v[5]));
    }

    /** The sum of the squares of the parameters' gradients, as a scalar array. */
    private static NDArray squaredNorm(List<Parameter> parameters) {
        NDArray sum = null;
        for (Parameter p : parameters) {
            NDArray squares = p.getArray().getGradient().toType(DataType.FLOAT32, false).square().sum();
            sum = sum == null ? squares : sum.add(squares);
        }
        return sum;
    }

    private NDArray transform(NDArray x, UpdateContext context) {
        NDArray out = x;
        for (Regularizer r : regularizers) {
            out = r.discriminatorInput(out, context);
        }
        return out;
    }
}
