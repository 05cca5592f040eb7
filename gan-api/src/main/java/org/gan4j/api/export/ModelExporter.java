package org.gan4j.api.export;

import java.nio.file.Path;

/**
 * Writes a trained product network to a file another runtime can run: gan-export's writes ONNX,
 * checked against ONNX Runtime. Found through {@link java.util.ServiceLoader} under {@code
 * META-INF/services/org.gan4j.api.export.ModelExporter} by the trainer's in-memory models.
 */
public interface ModelExporter {

    /**
     * Exports a product.
     *
     * @param product the trained network and what the file records about it
     * @param file where to write
     * @throws org.gan4j.api.GanException if it cannot be exported (nothing is written then)
     */
    void export(TrainedProduct product, Path file);
}
