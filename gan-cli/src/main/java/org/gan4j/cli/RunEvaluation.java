package org.gan4j.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.plugin.Options;
import org.gan4j.eval.ClassifierAccuracy;
import org.gan4j.eval.ClassifierFeatures;
import org.gan4j.eval.Evaluations;
import org.gan4j.eval.FeatureExtractor;
import org.gan4j.eval.ImageClassifier;
import org.gan4j.eval.OnnxFeatures;
import org.gan4j.eval.QualityEvaluation;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.run.RunInfo;
import org.gan4j.core.run.SampleInputs;
import org.gan4j.core.train.TrainedModel;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;

/**
 * The DJL side of {@code gan eval}: loads the run's generator and dataset, draws the samples and
 * evaluates them. Kept out of {@link EvalCommand} so that building the command line (which
 * reflects on every command's methods) loads no DJL class: {@code gan sample --onnx} runs without
 * DJL's jars.
 */
final class RunEvaluation {

    private RunEvaluation() {}

    /** Evaluates a run as the command's options say, writes the files, and returns the result. */
    static QualityEvaluation.Result evaluate(EvalCommand c, RunDirectory run, PluginCatalog plugins, TrainConfig config,
            RunInfo info, DatasetProvider provider, PrintWriter out) {
        boolean onnx = !c.features.equals("classifier");
        DjlEnvironment.engine();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                TrainedModel generator = TrainedModel.load(run, plugins, manager);
                GanDataset data = provider.open(new DatasetRequest(
                        config.dataDir() == null ? null : Path.of(config.dataDir()), config.seed(),
                        Options.resolve(DatasetProvider.KIND, provider, config.dataset().options())))) {
            requireLatentAndLabel(generator.product());
            int classes = generator.spec().numClasses();
            SampleInputs in = SampleInputs.seeded(c.seed, c.samples, generator.spec().latentSize(), classes, -1);
            float[][] rows = generate(c, generator, in);
            long steps = info.steps();
            long stepsPerEpoch = Math.max(1, data.size() / config.batchSize() / Math.max(1, config.discriminatorSteps()));
            int epoch = (int) ((steps + stepsPerEpoch - 1) / stepsPerEpoch);
            QualityEvaluation.Result result;
            if (data.mixture().isPresent()) {
                if (onnx) {
                    throw new ConfigException("--features " + c.features + ": dataset '" + config.dataset().name()
                            + "' is 2-D points, scored with the toy metrics; leave --features out");
                }
                result = QualityEvaluation.toy(rows, data.mixture().get(), config.dataset().name());
            } else {
                result = evaluateImages(c, config, provider, data, info, rows, in.labels(), manager, out);
            }
            Map<String, Object> object = Evaluations.object(result, Evaluations.GAN_EVAL, steps, epoch, Instant.now());
            Evaluations.append(run.root(), object);
            Evaluations.writeLatest(run.root(), object);
            return result;
        }
    }

    /**
     * The metrics compare a generator's samples of seeded noise (and cycling labels) with the data:
     * a product that takes codes or images besides is refused rather than fed made-up values.
     */
    private static void requireLatentAndLabel(Product product) {
        long normals = product.inputs().stream().filter(i -> i.kind() == ProductInput.Kind.NORMAL).count();
        long categoricals = product.inputs().stream().filter(i -> i.kind() == ProductInput.Kind.CATEGORICAL).count();
        if (normals != 1 || categoricals > 1 || normals + categoricals != product.inputs().size()) {
            throw new ConfigException("this run's product takes "
                    + String.join(", ", product.inputs().stream().map(ProductInput::name).toList())
                    + "; the metrics score generators of a latent vector (and a label) alone: draw its samples with"
                    + " gan sample and score them yourself");
        }
    }

    private static float[][] generate(EvalCommand c, TrainedModel generator, SampleInputs in) {
        int latent = generator.spec().latentSize();
        float[][] rows = new float[in.count()][];
        for (int from = 0; from < in.count(); from += c.batchSize) {
            int n = Math.min(c.batchSize, in.count() - from);
            float[] z = Arrays.copyOfRange(in.z(), from * latent, (from + n) * latent);
            int[] labels = in.labels() == null ? null : Arrays.copyOfRange(in.labels(), from, from + n);
            float[] values = generator.sample(z, n, labels);
            int size = values.length / n;
            for (int i = 0; i < n; i++) {
                rows[from + i] = Arrays.copyOfRange(values, i * size, (i + 1) * size);
            }
        }
        return rows;
    }

    private static QualityEvaluation.Result evaluateImages(EvalCommand c, TrainConfig config, DatasetProvider provider, GanDataset data,
            RunInfo info, float[][] rows, int[] labels, NDManager manager, PrintWriter out) {
        boolean onnx = !c.features.equals("classifier");
        boolean labelled = data.numClasses() >= 2 && data.sampleShape().dimension() == 3;
        if (!onnx && !labelled) {
            throw new ConfigException("dataset '" + config.dataset().name() + "' has no labels, so gan4j has no"
                    + " classifier of it; give --features FILE.onnx (e.g. an InceptionV3 for the FID)");
        }
        if (!onnx && !QualityEvaluation.hasTestSplit(provider) && "test".equals(c.reference)) {
            throw new ConfigException("dataset '" + config.dataset().name() + "' has no test split; use --reference"
                    + " train");
        }
        ImageClassifier classifier = null;
        if (labelled && (!onnx || labels != null)) {
            Path cache = ClassifierAccuracy.cacheFile(config.dataset(), config.dataDir(), data.sampleShape(),
                    data.numClasses());
            if (!java.nio.file.Files.isRegularFile(cache)) {
                out.println("training a classifier of dataset '" + config.dataset().name() + "' ("
                        + ClassifierAccuracy.EPOCHS + " epochs, once; cached in " + cache + ")");
                out.flush();
            }
            classifier = ImageClassifier.cached(cache, data, ClassifierAccuracy.EPOCHS, ClassifierAccuracy.SEED,
                    manager, e -> { });
        }
        try (ImageClassifier owned = classifier;
                FeatureExtractor extractor = onnx
                        ? OnnxFeatures.open(Path.of(c.features), c.featuresOutput, OnnxFeatures.Range.parse(c.featuresRange),
                                info.sampleShape())
                        : new ClassifierFeatures(classifier, config.dataset().name(), false)) {
            QualityEvaluation.ReferenceFeatures ref = QualityEvaluation.referenceFeatures(
                    QualityEvaluation.reference(provider, config.dataset(), config.dataDir(), config.seed(), c.reference),
                    extractor);
            return QualityEvaluation.evaluate(rows, labels, ref, extractor, labels == null ? null : owned, c.seed);
        }
    }

}
