package org.gan4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;

/**
 * A generator and discriminator initialized on one manager, with the calls the training loop and
 * samplers make on them. Keeps the conventions of {@link GanNetworks} in one place.
 */
public final class GanNetworkState {

    /** Samples generated per forward pass when sampling for evaluation. */
    private static final int SAMPLE_CHUNK = 500;

    private final ModelSpec spec;
    private final Block generator;
    private final Block discriminator;
    private final NDManager manager;
    private ParameterStore parameterStore;
    private EmaGenerator ema;
    private final List<Parameter> generatorParameters;
    private final List<Parameter> discriminatorParameters;

    /**
     * Initializes freshly built networks. Weight initialization draws from the engine's random
     * generator, which the caller seeds.
     *
     * @param spec what the networks were built for
     * @param networks the networks
     * @param manager holds the parameters
     * @param batchSize the training batch size, which shapes are first inferred with
     */
    public GanNetworkState(ModelSpec spec, GanNetworks networks, NDManager manager, int batchSize) {
        this(spec, networks, manager, batchSize, DataType.FLOAT32);
    }

    /**
     * Initializes freshly built networks with parameters of a given type (float64 for gradient
     * checks).
     *
     * @param spec what the networks were built for
     * @param networks the networks
     * @param manager holds the parameters
     * @param batchSize the batch size shapes are first inferred with
     * @param dataType the parameters' type
     */
    GanNetworkState(ModelSpec spec, GanNetworks networks, NDManager manager, int batchSize, DataType dataType) {
        this.spec = spec;
        this.generator = networks.generator();
        this.discriminator = networks.discriminator();
        this.manager = manager;
        // Parameter shapes are inferred from one training batch; other batch sizes work after.
        Shape z = new Shape(batchSize, spec.latentSize());
        Shape x = new Shape(batchSize).addAll(spec.sampleShape());
        Shape labels = new Shape(batchSize);
        if (spec.conditional()) {
            generator.initialize(manager, dataType, z, labels);
            discriminator.initialize(manager, dataType, x, labels);
        } else {
            generator.initialize(manager, dataType, z);
            discriminator.initialize(manager, dataType, x);
        }
        this.parameterStore = new ParameterStore(manager, false);
        this.generatorParameters = trainable(generator);
        this.discriminatorParameters = trainable(discriminator);
    }

    /**
     * The parameters an optimizer updates: batch norm's running statistics are parameters too,
     * but they are updated by the forward pass, never by gradients.
     */
    private static List<Parameter> trainable(Block block) {
        return block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    /**
     * Forgets the parameter arrays the forward passes cached, after a checkpoint's weights were
     * loaded into the networks (loading gives each parameter a new array).
     */
    void parametersReplaced() {
        parameterStore = new ParameterStore(manager, false);
    }

    /**
     * Keeps an exponential moving average of the generator, used from then on for {@link #sample}.
     *
     * @param network a second instance of the generator's architecture, not yet initialized
     * @param decay the weight of the old average, in (0, 1)
     */
    void enableEma(Block network, double decay) {
        ema = new EmaGenerator(network, generator, spec, manager, decay);
    }

    /** @return the moving average of the generator, or null if off */
    EmaGenerator ema() {
        return ema;
    }

    /** @return the spec */
    public ModelSpec spec() {
        return spec;
    }

    /** @return the generator */
    public Block generator() {
        return generator;
    }

    /** @return the discriminator */
    public Block discriminator() {
        return discriminator;
    }

    /** @return the manager holding the parameters */
    public NDManager manager() {
        return manager;
    }

    /** @return the generator's trainable parameters */
    public List<Parameter> generatorParameters() {
        return generatorParameters;
    }

    /** @return the discriminator's trainable parameters */
    public List<Parameter> discriminatorParameters() {
        return discriminatorParameters;
    }

    /**
     * Runs the generator.
     *
     * @param z latent vectors [N, latentSize]
     * @param labels class labels [N] (int32), or null for unconditional models
     * @param training whether layers behave as in training (batch statistics, dropout)
     * @return samples [N, sampleShape...]
     */
    public NDArray generate(NDArray z, NDArray labels, boolean training) {
        NDList in = spec.conditional() ? new NDList(z, labels) : new NDList(z);
        return generator.forward(parameterStore, in, training).singletonOrThrow();
    }

    /**
     * Runs the discriminator.
     *
     * @param x samples [N, sampleShape...]
     * @param labels class labels [N] (int32), or null for unconditional models
     * @param training whether layers behave as in training
     * @return raw scores (logits)
     */
    public NDArray score(NDArray x, NDArray labels, boolean training) {
        NDList in = spec.conditional() ? new NDList(x, labels) : new NDList(x);
        return discriminator.forward(parameterStore, in, training).singletonOrThrow();
    }

    /**
     * Generates samples from host noise, in inference mode, without recording gradients.
     *
     * @param z latent vectors, row-major, {@code count * latentSize} values
     * @param labels class labels, or null for unconditional models
     * @param count how many samples
     * @return the samples, row-major, in the model's scale
     */
    public float[] sample(float[] z, int[] labels, int count) {
        int latent = spec.latentSize();
        float[] out = new float[count * spec.sampleSize()];
        // In chunks, so that thousands of evaluation images never sit in one native tensor.
        for (int from = 0; from < count; from += SAMPLE_CHUNK) {
            int n = Math.min(SAMPLE_CHUNK, count - from);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray zz =
                        scratch.create(java.util.Arrays.copyOfRange(z, from * latent, (from + n) * latent), new Shape(n, latent));
                NDArray ll = labels == null ? null : scratch.create(java.util.Arrays.copyOfRange(labels, from, from + n));
                // Samples for evaluation and plots come from the average when there is one.
                NDArray x = ema != null
                        ? ema.forward(spec.conditional() ? new NDList(zz, ll) : new NDList(zz))
                        : generate(zz, ll, false);
                x.attach(scratch);
                System.arraycopy(x.toFloatArray(), 0, out, from * spec.sampleSize(), n * spec.sampleSize());
            }
        }
        return out;
    }

    /**
     * Turns gradient tracking of a network's parameters on or off. Off for the network held
     * fixed in an update: it gets no gradient at all, rather than one that is then ignored.
     *
     * @param parameters the network's parameters
     * @param on whether to track gradients
     */
    static void trackGradients(List<Parameter> parameters, boolean on) {
        for (Parameter p : parameters) {
            p.getArray().setRequiresGradient(on);
        }
    }

    /** @return the engine the arrays live on */
    Engine engine() {
        return manager.getEngine();
    }
}
