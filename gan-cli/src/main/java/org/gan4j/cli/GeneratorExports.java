package org.gan4j.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.GanException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.run.RunInfo;
import org.gan4j.core.train.TrainedModel;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.export.ConverterRegistry;
import org.gan4j.export.ExportReport;
import org.gan4j.onnx.GeneratorMetadata;
import org.gan4j.export.OnnxExporter;

/** A finished run's generator to ONNX: shared by {@code gan export} and the end of {@code gan train}. */
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
     * Exports a run's generator, checked against ONNX Runtime before it is written.
     *
     * @param run the finished run
     * @param plugins where to find its architecture
     * @param exporter the export settings, with the catalog's converters ({@link #exporter})
     * @param out the file to write
     * @return what was written
     */
    static ExportReport export(RunDirectory run, PluginCatalog plugins, OnnxExporter exporter, Path out) {
        DjlEnvironment.engine();
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                TrainedModel generator = TrainedModel.load(run, plugins, manager)) {
            RunInfo info = generator.info();
            // The generator computes in model units; the file gives data units, as 'gan sample' does.
            float outputScale = (float) (1.0 / info.scale());
            return exporter.export(generator.block(), metadata(run, generator), outputScale, out);
        }
    }

    /** The metadata of a run's generator: what it is, and the provenance a user needs to trust it. */
    static GeneratorMetadata metadata(RunDirectory run, TrainedModel model) {
        TrainConfig config = run.readConfig();
        RunInfo info = model.info();
        long[] outputShape = model.spec().sampleShape().getShape();
        boolean image = outputShape.length == 3;
        Map<String, String> provenance = new LinkedHashMap<>();
        try {
            provenance.put("config", Files.readString(run.configFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GanException("cannot read " + run.configFile() + ": " + e.getMessage(), e);
        }
        provenance.put("model", config.model().name());
        provenance.put("dataset", config.dataset().name());
        provenance.put("training_steps", Long.toString(info.steps()));
        provenance.put("gan4j_version", info.gan4jVersion());
        provenance.put("djl_version", Engine.getDjlVersion());
        provenance.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        return new GeneratorMetadata(
                model.spec().latentSize(),
                "normal(0, 1)",
                model.spec().numClasses(),
                info.classNames(),
                outputShape,
                image ? "NCHW" : "ND",
                "float32",
                // Images are scaled to [-1, 1] and G ends in tanh; vector data have no fixed range.
                image ? "[-1, 1]" : "(-inf, inf)",
                provenance);
    }
}
