package org.gan4j.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.TrainedModel;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;

/** Samples from a finished run's generator, rebuilt from its config and weights through DJL. */
final class RunSampleSource implements SampleSource {

    private final Path dir;
    private final NDManager manager;
    private final TrainedModel generator;

    private RunSampleSource(Path dir, NDManager manager, TrainedModel generator) {
        this.dir = dir;
        this.manager = manager;
        this.generator = generator;
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
    public int latentSize() {
        return generator.spec().latentSize();
    }

    @Override
    public int numClasses() {
        return generator.spec().numClasses();
    }

    @Override
    public long[] sampleShape() {
        return generator.spec().sampleShape().getShape();
    }

    @Override
    public boolean pixels0To255() {
        return false;
    }

    @Override
    public float[] generate(float[] z, int count, int[] labels) {
        return generator.sample(z, count, labels);
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
