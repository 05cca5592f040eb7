package org.gan4j.core.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.core.train.PluginCatalog;

/**
 * The generator of a finished run, rebuilt from its config and loaded with its final weights,
 * for sampling.
 */
public final class TrainedGenerator implements AutoCloseable {

    private final ModelSpec spec;
    private final RunInfo info;
    private final Block generator;
    private final NDManager manager;

    private TrainedGenerator(ModelSpec spec, RunInfo info, Block generator, NDManager manager) {
        this.spec = spec;
        this.info = info;
        this.generator = generator;
        this.manager = manager;
    }

    /**
     * Loads a run's generator.
     *
     * @param run the finished run
     * @param plugins where to find its architecture
     * @param manager the manager to load onto; the generator's arrays are closed with it
     * @return the generator
     */
    public static TrainedGenerator load(RunDirectory run, PluginCatalog plugins, NDManager manager) {
        TrainConfig config = run.readConfig();
        RunInfo info = run.readInfo();
        ArchitectureProvider arch = plugins.models().get(config.model().name());
        ModelSpec spec = new ModelSpec(info.latentSize(), new Shape(info.sampleShape()), info.numClasses());
        Block generator =
                arch.create(spec, Options.resolve(ArchitectureProvider.KIND, arch, config.model().options()))
                        .generator();
        Shape z = new Shape(2, spec.latentSize());
        if (spec.conditional()) {
            generator.initialize(manager, DataType.FLOAT32, z, new Shape(2));
        } else {
            generator.initialize(manager, DataType.FLOAT32, z);
        }
        // A run that kept a moving average of its generator samples and exports from the average.
        Path weights = config.emaDecay() > 0 && Files.isRegularFile(run.emaGeneratorFile())
                ? run.emaGeneratorFile()
                : run.generatorFile();
        RunDirectory.loadParameters(generator, manager, weights);
        return new TrainedGenerator(spec, info, generator, manager);
    }

    /** @return what the generator was built for */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * The generator network itself, for exporters; it stays owned by this object.
     *
     * @return the initialized generator with the run's weights
     */
    public Block block() {
        return generator;
    }

    /** @return the run's recorded facts */
    public RunInfo info() {
        return info;
    }

    /**
     * Draws samples from seeded noise ({@link SampleInputs#seeded}).
     *
     * @param count how many
     * @param seed the noise seed
     * @param label the class for every sample of a conditional model, or -1 to cycle through the
     *     classes
     * @return the samples, row-major, in the dataset's own units
     * @throws org.gan4j.api.ConfigException if count is not positive or the label does not fit
     */
    public float[] sample(int count, long seed, int label) {
        SampleInputs in = SampleInputs.seeded(seed, count, spec.latentSize(), spec.numClasses(), label);
        return sample(in.z(), in.count(), in.labels());
    }

    /**
     * Runs the generator on given latent vectors.
     *
     * @param z {@code count * latentSize} values, row-major
     * @param count how many samples, at least 1
     * @param labels one label a sample, in 0 to numClasses - 1, for conditional models; null for
     *     unconditional ones
     * @return the samples, row-major, in the dataset's own units (the model's output divided by
     *     the dataset's scale)
     * @throws IllegalArgumentException if z or the labels do not fit the generator
     */
    public float[] sample(float[] z, int count, int[] labels) {
        if (count <= 0) {
            throw new IllegalArgumentException("the number of samples must be positive, got " + count);
        }
        if ((long) count * spec.latentSize() != z.length) {
            throw new IllegalArgumentException("z has " + z.length + " values; " + count + " samples of latent size "
                    + spec.latentSize() + " need " + (long) count * spec.latentSize());
        }
        if (spec.conditional() != (labels != null)) {
            throw new IllegalArgumentException(spec.conditional()
                    ? "this generator is conditional: give a label for every sample"
                    : "this generator is unconditional: it takes no labels");
        }
        if (labels != null) {
            if (labels.length != count) {
                throw new IllegalArgumentException(labels.length + " labels for " + count + " samples");
            }
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] >= spec.numClasses()) {
                    throw new IllegalArgumentException("label " + labels[i] + " (sample " + i
                            + ") is out of range; this generator has classes 0 to " + (spec.numClasses() - 1));
                }
            }
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDList in = new NDList(scratch.create(z, new Shape(count, spec.latentSize())));
            if (labels != null) {
                in.add(scratch.create(labels));
            }
            NDArray out = generator.forward(new ParameterStore(scratch, false), in, false).singletonOrThrow();
            out.attach(scratch);
            float[] values = out.toFloatArray();
            float inv = (float) (1.0 / info.scale());
            for (int i = 0; i < values.length; i++) {
                values[i] *= inv;
            }
            return values;
        }
    }

    @Override
    public void close() {
        generator.clear();
    }
}
