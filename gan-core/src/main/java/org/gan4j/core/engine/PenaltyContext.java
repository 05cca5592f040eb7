package org.gan4j.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.regularize.RegularizerContext;

/**
 * A {@link RegularizerContext} for a discriminator in a training loop of one's own, so that
 * gan4j's regularizers (the WGAN-GP gradient penalty, R1, instance noise, weight decay) work in any
 * DJL loop: give it the discriminator, the batches of the update, and where the run is.
 *
 * <pre>{@code
 * Regularizer gp = PluginCatalog.load(loader).regularizers().get("wgan-gp")
 *         .create(Options.defaults("regularizer", ...));
 * try (GradientCollector collector = engine.newGradientCollector()) {
 *     NDArray loss = gan4jLoss.discriminatorLoss(d(real), d(fake));
 *     PenaltyContext context = PenaltyContext.builder(discriminator, parameterStore)
 *             .batches(real, fake).step(step, totalSteps).build();
 *     collector.backward(loss.add(gp.discriminatorPenalty(context)));
 * }
 * }</pre>
 *
 * <p>Penalties on the discriminator's gradient need second-order gradients, which only the PyTorch
 * engine has ({@link InputGradients}); build the penalty inside the gradient collector of the
 * discriminator's update.
 */
public final class PenaltyContext implements RegularizerContext {

    /** The first coordinate of the regularizers' random streams: (stream, step, update, draw). */
    public static final long REGULARIZER_STREAM = 0x5245475553L; // "REGUS"

    private final Block discriminator;
    private final ParameterStore store;
    private final NDArray real;
    private final NDArray fake;
    private final NDArray realLabels;
    private final NDArray fakeLabels;
    private final long step;
    private final long totalSteps;
    private final long seed;
    private final long update;
    private final InputGradients gradients;
    private long draws;

    private PenaltyContext(Builder b) {
        this.discriminator = b.discriminator;
        this.store = b.store;
        this.real = b.real;
        this.fake = b.fake;
        this.realLabels = b.realLabels;
        this.fakeLabels = b.fakeLabels;
        this.step = b.step;
        this.totalSteps = b.totalSteps;
        this.seed = b.seed;
        this.update = b.update;
        this.gradients = InputGradients.forEngine(manager().getEngine());
    }

    /**
     * A builder for a discriminator.
     *
     * @param discriminator the discriminator, initialized; it takes the samples (and the labels,
     *     when given) and returns raw scores
     * @param store the parameter store the loop runs it with
     * @return the builder
     */
    public static Builder builder(Block discriminator, ParameterStore store) {
        return new Builder(discriminator, store);
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public NDManager manager() {
        return (real != null ? real : discriminator.getParameters().valueAt(0).getArray()).getManager();
    }

    @Override
    public NDArray real() {
        return real;
    }

    @Override
    public NDArray fake() {
        return fake;
    }

    @Override
    public NDArray realLabels() {
        return realLabels;
    }

    @Override
    public NDArray fakeLabels() {
        return fakeLabels;
    }

    @Override
    public List<Parameter> discriminatorParameters() {
        return discriminator.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    @Override
    public NDArray score(NDArray x, NDArray labels) {
        NDList in = labels == null ? new NDList(x) : new NDList(x, labels);
        return discriminator.forward(store, in, true).singletonOrThrow();
    }

    @Override
    public NDArray inputGradient(NDArray output, NDArray input) {
        return gradients.inputGradient(output, input);
    }

    @Override
    public NDArray requireGradient(NDArray x) {
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    private SplittableRandom nextStream() {
        return Seeds.stream(seed, REGULARIZER_STREAM, step, update, draws++);
    }

    @Override
    public NDArray uniform(int count) {
        SplittableRandom r = nextStream();
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextDouble();
        }
        return manager().create(v);
    }

    @Override
    public NDArray normal(long... shape) {
        Shape s = new Shape(shape);
        SplittableRandom r = nextStream();
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return manager().create(v, s);
    }

    /** Builds a {@link PenaltyContext}. */
    public static final class Builder {
        private final Block discriminator;
        private final ParameterStore store;
        private NDArray real;
        private NDArray fake;
        private NDArray realLabels;
        private NDArray fakeLabels;
        private long step = 1;
        private long totalSteps = 1;
        private long seed;
        private long update;

        private Builder(Block discriminator, ParameterStore store) {
            this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The update's batches, after any transform of the discriminator's inputs.
         *
         * @param realBatch real samples
         * @param fakeBatch generated samples
         * @return this builder
         */
        public Builder batches(NDArray realBatch, NDArray fakeBatch) {
            real = realBatch;
            fake = fakeBatch;
            return this;
        }

        /**
         * The batches' class labels, for a conditional discriminator.
         *
         * @param real the real batch's labels
         * @param fake the generated batch's labels
         * @return this builder
         */
        public Builder labels(NDArray real, NDArray fake) {
            realLabels = real;
            fakeLabels = fake;
            return this;
        }

        /**
         * Where the run is, for annealed regularizers (instance noise) and the random streams.
         *
         * @param current the step, from 1
         * @param total the run's steps
         * @return this builder
         */
        public Builder step(long current, long total) {
            step = current;
            totalSteps = total;
            return this;
        }

        /**
         * The seed and the update's index within the step, which fix the regularizers' random draws.
         *
         * @param runSeed the run's seed
         * @param updateIndex which update of the step (discriminator updates from 0, the generator -1)
         * @return this builder
         */
        public Builder random(long runSeed, long updateIndex) {
            seed = runSeed;
            update = updateIndex;
            return this;
        }

        /** @return the context */
        public PenaltyContext build() {
            return new PenaltyContext(this);
        }
    }
}
