package org.gan4j.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.game.ProductInputs;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.TrainedModel;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.export.ProductMetadata;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.InputValues;

/** Samples from a finished run's product, rebuilt from its config and weights through DJL. */
final class RunSampleSource implements SampleSource {

    private final Path dir;
    private final NDManager manager;
    private final TrainedModel generator;
    private final List<GeneratorInput> inputs;

    private RunSampleSource(Path dir, NDManager manager, TrainedModel generator) {
        this.dir = dir;
        this.manager = manager;
        this.generator = generator;
        this.inputs = ProductMetadata.inputsOf(generator.product());
    }

    /**
     * Loads a run's generator.
     *
     * @param dir the directory given to {@code --run}
     * @param plugins where to find the run's architecture
     * @return the source
     */
    static RunSampleSource open(Path dir, PluginCatalog plugins) {
        RunDirectory run = RunDirectory.open(dir);
        DjlEnvironment.engine();
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        try {
            return new RunSampleSource(dir, manager, TrainedModel.load(run, plugins, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return String.valueOf(dir.getFileName());
    }

    @Override
    public List<GeneratorInput> inputs() {
        return inputs;
    }

    @Override
    public long[] sampleShape() {
        return generator.product().outputShape().getShape();
    }

    @Override
    public boolean pixels0To255() {
        return false;
    }

    @Override
    public float[] generate(InputValues values) {
        // The same values in the same order: InputValues lists the product's inputs as it does.
        return generator.sample(new ProductInputs(generator.product(), values.count(), values.floats(), values.ints()));
    }

    @Override
    public void close() {
        try {
            generator.close();
        } finally {
            manager.close();
        }
    }
}
