package org.gan4j.api.export;

import ai.djl.nn.Block;
import java.nio.file.Path;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.game.Product;

/**
 * Writes a trained product network to a file another runtime can run: gan-export's writes ONNX,
 * checked against ONNX Runtime. Found through {@link java.util.ServiceLoader} under {@code
 * META-INF/services/org.gan4j.api.export.ModelExporter} by the trainer's in-memory models.
 */
public interface ModelExporter {

    /**
     * Exports a product.
     *
     * @param network the initialized product network with its trained weights
     * @param product what it takes and makes
     * @param scale the dataset's scale (model values = data units * scale); the file gives data units
     * @param config the settings it was trained with, for the file's provenance
     * @param steps the steps it was trained for
     * @param file where to write
     * @throws org.gan4j.api.GanException if it cannot be exported
     */
    void export(Block network, Product product, double scale, TrainConfig config, long steps, Path file);
}
