package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.eval.OnnxFeatures;
import org.gan4j.eval.QualityEvaluation;
import org.gan4j.report.RunReport;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.run.RunInfo;
import org.gan4j.core.plugin.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan eval}: scores a finished run's generator. Draws {@code --samples} samples (labels
 * cycling through the classes for conditional models), extracts features with gan4j's cached
 * classifier of the dataset or a user's ONNX network, and reports the Fréchet distance, KID,
 * precision and recall against the dataset's reference split, the classifier score and, for
 * conditional models, the class accuracy; for 2-D mixtures, the toy metrics. Appends the result
 * to the run's {@code evaluations.jsonl} and writes it to {@code eval.json}.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a trained generator: FCD (Frechet distance on the classifier's features) or FID (on an",
            "ONNX network's, e.g. InceptionV3), KID, precision and recall against the dataset's reference",
            "split (test when it has one), the classifier score, class accuracy for conditional models; the",
            "toy metrics for 2-D mixtures. Appends to DIR/evaluations.jsonl and writes DIR/eval.json."
        })
public final class EvalCommand implements Callable<Integer> {

    /** Samples drawn when --samples is not given. */
    static final int DEFAULT_SAMPLES = 10_000;

    @Spec CommandSpec spec;

    @ParentCommand GanCommand gan;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A finished run directory.")
    Path runDir;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10000",
            description = "Generated samples to evaluate, at least 2 (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--features", paramLabel = "classifier|FILE.onnx", defaultValue = "classifier",
            description = "What extracts the features: gan4j's cached classifier of the dataset (default; gives"
                    + " the FCD), or an ONNX network taking images [N, C, H, W] or [N, H, W, C] (InceptionV3"
                    + " gives the standard FID).")
    String features;

    @Option(names = "--features-output", paramLabel = "NAME",
            description = "The ONNX network's output to take as features (default: its first).")
    String featuresOutput;

    @Option(names = "--features-range", paramLabel = "RANGE", defaultValue = "-1..1",
            description = "The pixel range the ONNX network expects: -1..1 (default), 0..1 or 0..255.")
    String featuresRange;

    @Option(names = "--reference", paramLabel = "test|train",
            description = "The reference samples: the dataset's test split (default when it has one) or its"
                    + " training data.")
    String reference;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the noise and of KID's subsets (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "500",
            description = "Samples generated at once (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        if (samples < 2) {
            throw new ConfigException("--samples must be at least 2, got " + samples + "; 10000 is the usual count");
        }
        if (batchSize < 1) {
            throw new ConfigException("--batch-size must be positive, got " + batchSize);
        }
        if (reference != null && !reference.equals("test") && !reference.equals("train")) {
            throw new ConfigException("--reference must be test or train, got '" + reference + "'");
        }
        OnnxFeatures.Range.parse(featuresRange);
        boolean onnx = !features.equals("classifier");
        if (!onnx && featuresOutput != null) {
            throw new ConfigException("--features-output is for --features FILE.onnx; the classifier has one layer"
                    + " of features");
        }
        RunDirectory run = RunDirectory.open(runDir);
        PluginCatalog plugins = gan.plugins();
        TrainConfig config = run.readConfig();
        RunInfo info = run.readInfo();
        DatasetProvider provider = plugins.datasets().get(config.dataset().name());
        PrintWriter out = spec.commandLine().getOut();
        QualityEvaluation.Result result = RunEvaluation.evaluate(this, run, plugins, config, info, provider, out);
        print(out, result);
        // The evaluation is saved by now; a report that cannot be rewritten is worth a warning, not a failure.
        try {
            out.println("report: " + RunReport.write(run.root()));
        } catch (java.io.IOException | RuntimeException e) {
            spec.commandLine().getErr().println("warning: " + run.root().resolve("report.html")
                    + " not updated: " + e.getMessage());
        }
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, QualityEvaluation.Result r) {
        out.printf(Locale.ROOT, "%-18s %14s %12s %9s  %s%n", "metric", "value", "± std", "samples", "reference");
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            String name = e.getKey();
            if (name.endsWith("_std")) {
                continue;
            }
            Double std = r.metrics().get(name + "_std");
            out.printf(Locale.ROOT, "%-18s %14s %12s %9d  %s%n", name, format(e.getValue()),
                    std == null ? "" : format(std), r.samples(),
                    r.referenceSamples() > 0 ? r.reference() + " (" + r.referenceSamples() + ")" : r.reference());
        }
        out.println("features: " + r.features());
    }

    private static String format(double v) {
        return Math.abs(v) >= 0.01 || v == 0 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.3e", v);
    }
}
