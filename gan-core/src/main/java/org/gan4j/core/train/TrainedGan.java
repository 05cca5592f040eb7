package org.gan4j.core.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.gan4j.api.GanException;
import org.gan4j.api.export.ModelExporter;
import org.gan4j.api.train.TrainingSummary;

/**
 * What {@link GanTrainer#train()} returns: the trained model in memory, with the run's final
 * figures. Close it to release the networks' native memory.
 *
 * <pre>{@code
 * try (TrainedGan gan = GanTrainer.builder(config).build().train()) {
 *     System.out.println(gan.metrics());
 *     float[][] samples = gan.sample(16);
 *     gan.exportOnnx(Path.of("generator.onnx"));   // with gan-export on the class path
 * }
 * }</pre>
 */
public final class TrainedGan implements AutoCloseable {

    private final TrainedModel model;
    private final TrainingSummary summary;
    private final NDManager manager;

    TrainedGan(TrainedModel model, TrainingSummary summary, NDManager manager) {
        this.model = model;
        this.summary = summary;
        this.manager = manager;
    }

    /** @return the trained product, for sampling and export */
    public TrainedModel model() {
        return model;
    }

    /** @return the run's final figures: steps, epochs, seconds, metrics, run directory */
    public TrainingSummary summary() {
        return summary;
    }

    /** @return the final evaluation metrics by name (empty when the trainer had no evaluation) */
    public Map<String, Double> metrics() {
        return summary.metrics();
    }

    /**
     * Draws samples from the product with noise seeded by the run's seed, labels cycling through
     * the classes.
     *
     * @param n how many
     * @return one row a sample (flattened for images), in the dataset's own units
     */
    public float[][] sample(int n) {
        float[] flat = model.sample(n, model.config().seed(), -1);
        int size = flat.length / n;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * size, (i + 1) * size);
        }
        return rows;
    }

    /**
     * Exports the product to ONNX, checked against ONNX Runtime before it is written, through the
     * {@link ModelExporter} on the class path (gan-export's).
     *
     * @param file where to write it
     * @throws GanException if no exporter is on the class path, or the export fails
     */
    public void exportOnnx(Path file) {
        ModelExporter exporter = ServiceLoader.load(ModelExporter.class, TrainedGan.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new GanException("no ONNX exporter on the class path; add org.gan4j:gan-export"
                        + " (or org.gan4j:gan-starter) to the application's dependencies"));
        exporter.export(model.trainedProduct(), file);
    }

    @Override
    public void close() {
        manager.close();
    }
}
