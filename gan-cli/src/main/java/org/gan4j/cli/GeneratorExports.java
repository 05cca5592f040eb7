package org.gan4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.TrainedModel;
import org.gan4j.export.ConverterRegistry;
import org.gan4j.export.ExportReport;
import org.gan4j.export.OnnxExporter;

/**
 * A finished run's product to ONNX: shared by {@code gan export} and the end of {@code gan train}.
 * The file's metadata come from gan-export's {@link org.gan4j.export.ProductMetadata}, as in-memory
 * exports' do.
 */
final class GeneratorExports {

    private GeneratorExports() {}

    /**
     * An exporter that translates blocks with the catalog's converters, the plugin folder's
     * included.
     *
     * @param plugins the plugins
     * @return the builder, to set the other options on
     */
    static OnnxExporter.Builder exporter(PluginCatalog plugins) {
        return OnnxExporter.builder().optConverters(ConverterRegistry.of(plugins.converters().all()));
    }

    /**
     * Exports a run's product, checked against ONNX Runtime before it is written.
     *
     * @param run the finished run
     * @param plugins where to find its game and architecture
     * @param exporter the export settings, with the catalog's converters ({@link #exporter})
     * @param out the file to write
     * @return what was written
     */
    static ExportReport export(RunDirectory run, PluginCatalog plugins, OnnxExporter exporter, Path out) {
        DjlEnvironment.engine();
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                TrainedModel product = TrainedModel.load(run, plugins, manager)) {
            // The network computes in model units; the file takes and gives data units, as 'gan sample' does.
            return exporter.export(product.trainedProduct(), out);
        }
    }
}
