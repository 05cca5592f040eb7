package org.gan4j.export;

import java.nio.file.Path;
import org.gan4j.api.export.ModelExporter;
import org.gan4j.api.export.TrainedProduct;

/**
 * The {@link ModelExporter} of in-memory models ({@code TrainedGan.exportOnnx}): ONNX with the
 * default settings (opset {@value OnnxExporter#DEFAULT_OPSET}, batch norm kept, float32 output),
 * the converters on this class's class loader, the metadata {@link ProductMetadata#of} gives, and
 * the ONNX Runtime check before anything is written, as {@code gan export} makes it.
 */
public final class OnnxModelExporter implements ModelExporter {

    /** For ServiceLoader. */
    public OnnxModelExporter() {}

    @Override
    public void export(TrainedProduct product, Path file) {
        OnnxExporter.builder().build().export(product, file);
    }
}
