package org.gan4j.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.GanException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.data.Noise;
import org.gan4j.api.export.TrainedProduct;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.Network;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.ProductInputs;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.core.game.ProductSampler;
import org.gan4j.core.game.RuntimeGameSetup;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.run.RunInfo;

/**
 * A trained game's product network with its weights (the moving average when the run kept one),
 * for sampling and export: from a finished run directory ({@link #load}) or straight from training
 * ({@link TrainedGan#model()}). Samples are in the dataset's own units.
 */
public final class TrainedModel implements AutoCloseable {

    private final Product product;
    private final ModelSpec spec;
    private final RunInfo info;
    private final Block block;
    private final NDManager manager;
    private final boolean ownsManager;
    private final ProductSampler sampler;
    private final TrainConfig config;
    private final String configJson;

    TrainedModel(Product product, ModelSpec spec, RunInfo info, Block block, NDManager manager, boolean ownsManager,
            TrainConfig config, String configJson) {
        this.product = product;
        this.spec = spec;
        this.info = info;
        this.block = block;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.config = config;
        this.configJson = configJson;
        ParameterStore store = new ParameterStore(manager, false);
        this.sampler = new ProductSampler(product, in -> block.forward(store, in, false).singletonOrThrow(), manager);
    }

    /**
     * Loads a run's product: the game is created again from the run's config and {@code run.json}
     * (no dataset needed), the product network built and given the run's final weights.
     *
     * @param run the finished run
     * @param plugins where to find its game and architecture
     * @param manager the manager to load onto; the network's arrays are closed with it
     * @return the model
     * @throws org.gan4j.api.GanException if the weights cannot be loaded
     */
    public static TrainedModel load(RunDirectory run, PluginCatalog plugins, NDManager manager) {
        TrainConfig config = run.readConfig();
        RunInfo info = run.readInfo();
        Game game = RuntimeGameSetup.createGame(config,
                new DataSpec(new Shape(info.sampleShape()), info.numClasses(), info.classNames()), plugins);
        Product product = game.product();
        Network network = game.networks().stream().filter(n -> n.role().equals(product.network())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the game has no product network " + product.network()));
        Block block = network.factory().get();
        block.initialize(manager, DataType.FLOAT32, network.inputShapes().toArray(Shape[]::new));
        // A run that kept a moving average of its product samples and exports from the average.
        Path weights = config.emaDecay() > 0 && Files.isRegularFile(run.finalAverageFile(product.network()))
                ? run.finalAverageFile(product.network())
                : run.finalNetworkFile(product.network());
        RunDirectory.loadParameters(block, manager, weights);
        String configJson;
        try {
            // The file as it is, not the config written again: an export's provenance is the run's own.
            configJson = Files.readString(run.configFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GanException("cannot read " + run.configFile() + ": " + e.getMessage(), e);
        }
        return new TrainedModel(product, specOf(product, info.latentSize()), info, block, manager, false, config,
                configJson);
    }

    static ModelSpec specOf(Product product, int latentSize) {
        ProductInput noise = product.input(ProductInput.Kind.NORMAL);
        return new ModelSpec(noise != null ? noise.size() : latentSize, product.outputShape(), product.numClasses());
    }

    /** @return the product's network and inputs */
    public Product product() {
        return product;
    }

    /** @return what the product takes and makes: latent size, output shape, classes */
    public ModelSpec spec() {
        return spec;
    }

    /** @return the run's recorded facts (what the game was built for, its scale and steps) */
    public RunInfo info() {
        return info;
    }

    /** @return the settings it was trained with */
    public TrainConfig config() {
        return config;
    }

    /**
     * What an exporter needs: the network and what its file records about it.
     *
     * @return the product, its scale, classes and provenance; the network stays owned by this object
     */
    public TrainedProduct trainedProduct() {
        return new TrainedProduct(block, product, info.scale(), info.classNames(), config, configJson, info.steps(),
                info.gan4jVersion());
    }

    /**
     * The product network itself, for exporters; it stays owned by this object.
     *
     * @return the initialized network with the trained weights
     */
    public Block block() {
        return block;
    }

    /**
     * Draws samples from seeded inputs ({@link ProductInputs#draw} with {@link Noise#SAMPLING}).
     *
     * @param count how many
     * @param seed the seed
     * @param label the class for every sample of a conditional model, or -1 to cycle through the
     *     classes
     * @return the samples, row-major, in the dataset's own units
     * @throws org.gan4j.api.ConfigException if count is not positive or the label does not fit
     */
    public float[] sample(int count, long seed, int label) {
        return sample(ProductInputs.draw(product, count, seed, Noise.SAMPLING, label));
    }

    /**
     * Runs the product on given latent vectors (and labels), for products that take noise and
     * optionally a label.
     *
     * @param z {@code count * latentSize} values, row-major
     * @param count how many samples, at least 1
     * @param labels one label a sample for conditional models; null for unconditional ones
     * @return the samples, row-major, in the dataset's own units
     * @throws IllegalArgumentException if z or the labels do not fit the product
     */
    public float[] sample(float[] z, int count, int[] labels) {
        if (count <= 0) {
            throw new IllegalArgumentException("the number of samples must be positive, got " + count);
        }
        if (spec.conditional() != (labels != null)) {
            throw new IllegalArgumentException(spec.conditional()
                    ? "this generator is conditional: give a label for every sample"
                    : "this generator is unconditional: it takes no labels");
        }
        java.util.List<float[]> floats = new java.util.ArrayList<>();
        java.util.List<int[]> ints = new java.util.ArrayList<>();
        for (ProductInput in : product.inputs()) {
            switch (in.kind()) {
                case NORMAL -> {
                    floats.add(z);
                    ints.add(null);
                }
                case CATEGORICAL -> {
                    floats.add(null);
                    ints.add(labels);
                }
                default -> throw new IllegalArgumentException("this product takes a " + in.kind() + " input ('"
                        + in.name() + "'); give every input's values");
            }
        }
        return sample(new ProductInputs(product, count, floats, ints));
    }

    /**
     * Runs the product on given values of its inputs.
     *
     * @param inputs the values; image inputs in the dataset's own units (they are multiplied by the
     *     dataset's scale on the way in, as the samples are divided by it on the way out)
     * @return the samples, row-major, in the dataset's own units (the model's output divided by
     *     the dataset's scale)
     */
    public float[] sample(ProductInputs inputs) {
        float[] values = sampler.sample(toModelUnits(inputs));
        float inv = (float) (1.0 / info.scale());
        for (int i = 0; i < values.length; i++) {
            values[i] *= inv;
        }
        return values;
    }

    /** Image inputs from data units to the model's; the other inputs as they are. */
    private ProductInputs toModelUnits(ProductInputs inputs) {
        ProductInputs scaled = inputs;
        float scale = (float) info.scale();
        for (ProductInput in : product.inputs()) {
            if (in.kind() == ProductInput.Kind.IMAGE && scale != 1f) {
                float[] v = inputs.floats(in.name()).clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] *= scale;
                }
                scaled = scaled.withFloats(in.name(), v);
            }
        }
        return scaled;
    }

    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        } else {
            block.clear();
        }
    }
}
