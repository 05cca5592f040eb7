package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.export.ExportReport;
import org.gan4j.export.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan export}: writes a finished run's product (a GAN's generator) as ONNX, after checking
 * ONNX Runtime's output against DJL's on the same inputs.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a trained generator to ONNX. The file is written only after ONNX Runtime's output",
            "matches DJL's on the same inputs (largest difference at most 1e-4). Inputs: the product's,",
            "by name: z float32 [N, latent] (and label int64 [N] for conditional models); other",
            "products' codes float32 [N, size] or int64 [N], images float32 [N, C, H, W] in the data's",
            "units. Output: image float32 [N, C, H, W] in [-1, 1] (or [N, D] for vector data).",
            "metadata_props describe it (gan4j.inputs and gan4j.input.<name>.*)."
        })
public final class ExportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @ParentCommand GanCommand gan;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A finished run directory.")
    Path runDir;

    @Option(names = "--out", paramLabel = "FILE", description = "The ONNX file (default: DIR/generator.onnx).")
    Path out;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "17",
            description = "ONNX operator set, 13 to 21 (default: ${DEFAULT-VALUE}, with IR version 8).")
    int opset;

    @Option(names = "--fold-batch-norm", description = "Fold batch norm into the layer before it.")
    boolean foldBatchNorm;

    @Option(names = "--uint8", description = "Append post-processing to uint8 pixels in [0, 255] (images only).")
    boolean uint8;

    @Override
    public Integer call() {
        if (opset < OnnxExporter.MIN_OPSET || opset > OnnxExporter.MAX_OPSET) {
            throw new ConfigException("--opset " + opset + " is not supported; use " + OnnxExporter.MIN_OPSET
                    + " to " + OnnxExporter.MAX_OPSET + " (default " + OnnxExporter.DEFAULT_OPSET + ")");
        }
        RunDirectory run = RunDirectory.open(runDir);
        Path target = out != null ? out : run.onnxFile();
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new ConfigException("--out " + target + ": an ONNX file's name must end in .onnx");
        }
        PluginCatalog plugins = gan.plugins();
        OnnxExporter exporter = GeneratorExports.exporter(plugins)
                .optOpset(opset)
                .optFoldBatchNorm(foldBatchNorm)
                .optUint8Output(uint8)
                .build();
        ExportReport r = GeneratorExports.export(run, plugins, exporter, target);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote %s (%,d bytes, %d nodes, opset %d, IR %d); ONNX Runtime matches DJL on %d samples,"
                        + " largest difference %.2e%n",
                r.file(), r.bytes(), r.nodes(), r.opset(), r.irVersion(), r.samplesChecked(), r.maxAbsDifference());
        return Main.EXIT_OK;
    }
}
