package org.gan4j.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.GaussianMixture;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.eval.ToyMetrics;

/**
 * Scores generated samples against a dataset's reference samples: the Fréchet distance ({@code
 * fcd} on the classifier's features, {@code fid} on an ONNX network's), KID with its spread,
 * precision and recall, the classifier score where the extractor is a classifier, and the
 * conditional accuracy for conditional models; or, for 2-D mixtures, the {@link ToyMetrics}.
 *
 * <p>The reference is the dataset's test split when it has a {@code split} option (10,000 images
 * for Fashion-MNIST and MNIST), else its training data, at most {@value #MAX_REFERENCE} samples.
 * Reference features are computed once per (reference, extractor) and kept in memory for the
 * process (a few, least recently used first out).
 */
public final class QualityEvaluation {

    /** Metric names. */
    public static final String FCD = org.gan4j.api.eval.MetricNames.FCD;
    /** The Fréchet distance on ONNX features (the FID with InceptionV3). */
    public static final String FID = "fid";
    /** KID's mean. */
    public static final String KID = "kid";
    /** KID's spread over subsets. */
    public static final String KID_STD = "kid_std";
    /** Precision. */
    public static final String PRECISION = "precision";
    /** Recall. */
    public static final String RECALL = "recall";
    /** The classifier score. */
    public static final String CLASSIFIER_SCORE = "classifier_score";
    /** Its spread over splits. */
    public static final String CLASSIFIER_SCORE_STD = "classifier_score_std";

    /** The metrics evaluation during training puts in metrics.csv, in order. */
    public static final List<String> TRAINING_METRICS = List.of(FCD, KID, PRECISION, RECALL, CLASSIFIER_SCORE);

    /** The most reference samples read. */
    public static final int MAX_REFERENCE = 10_000;

    private static final int CACHED = 4;

    private static final Map<String, ReferenceFeatures> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ReferenceFeatures> eldest) {
            return size() > CACHED;
        }
    };

    private QualityEvaluation() {}

    /**
     * Reference samples.
     *
     * @param description what they are, e.g. "fashion-mnist split=test"
     * @param images one row a sample, in the dataset's own units
     * @param key identifies the data for the in-memory cache
     */
    public record Reference(String description, float[][] images, String key) {}

    /**
     * The features of a reference set, and their Gaussian.
     *
     * @param reference the reference's description
     * @param features the extractor's description
     * @param rows the features
     * @param statistics their mean and covariance
     */
    public record ReferenceFeatures(String reference, String features, float[][] rows, GaussianStatistics statistics) {}

    /**
     * An evaluation's numbers and what they were measured on.
     *
     * @param features what extracted the features
     * @param reference what the samples were compared with
     * @param referenceSamples how many reference samples
     * @param samples how many generated samples
     * @param metrics the metrics, by name, in order
     */
    public record Result(String features, String reference, int referenceSamples, int samples, Map<String, Double> metrics) {}

    /**
     * Whether a dataset has a test split: a {@code split} option that accepts "test".
     *
     * @param provider the dataset's provider
     * @return true for Fashion-MNIST and MNIST
     */
    public static boolean hasTestSplit(DatasetProvider provider) {
        for (OptionSpec o : provider.options()) {
            if (o.name().equals("split")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the reference samples of a dataset.
     *
     * @param provider the dataset's provider
     * @param dataset the run's dataset and its resolved options
     * @param dataDir the run's data directory, or null
     * @param seed the run's seed (the order, which picks the samples when there are too many)
     * @param split "test", "train", or null for test when the dataset has a test split, else train
     * @return the reference
     * @throws ConfigException if test is asked of a dataset without a test split
     */
    public static Reference reference(
            DatasetProvider provider, PluginChoice dataset, String dataDir, long seed, String split) {
        boolean testable = hasTestSplit(provider);
        String which = split == null ? (testable ? "test" : "train") : split;
        if (!which.equals("test") && !which.equals("train")) {
            throw new ConfigException("--reference must be test or train, got '" + split + "'");
        }
        Map<String, String> options = new java.util.TreeMap<>(dataset.options());
        String description;
        if (testable) {
            options.put("split", which);
            description = dataset.name() + " split=" + which;
        } else if (which.equals("test")) {
            throw new ConfigException("dataset '" + dataset.name() + "' has no test split; use --reference train");
        } else {
            description = dataset.name() + " training data";
        }
        Path dir = dataDir == null ? null : Path.of(dataDir);
        try (GanDataset data = provider.open(
                new DatasetRequest(dir, seed, Options.resolve(DatasetProvider.KIND, provider, options)))) {
            long size = Math.min(data.size(), MAX_REFERENCE);
            int batch = 1;
            for (int b = 500; b >= 1; b--) {
                if (data.size() % b == 0) {
                    batch = b;
                    break;
                }
            }
            int per = Math.toIntExact(data.sampleShape().size());
            float inv = (float) (1.0 / data.scale());
            List<float[]> rows = new ArrayList<>();
            Iterator<SampleBatch> it = data.epoch(0, batch);
            while (it.hasNext() && rows.size() < size) {
                SampleBatch b = it.next();
                for (int i = 0; i < b.size() && rows.size() < size; i++) {
                    float[] row = Arrays.copyOfRange(b.values(), i * per, (i + 1) * per);
                    for (int j = 0; j < per; j++) {
                        row[j] *= inv;
                    }
                    rows.add(row);
                }
            }
            if (data.size() > size) {
                description += " (" + size + " of " + data.size() + ")";
            }
            String key = description + "|" + options + "|" + dir + "|" + seed;
            return new Reference(description, rows.toArray(float[][]::new), key);
        }
    }

    /**
     * The reference's features, from the in-memory cache or extracted now.
     *
     * @param reference the reference
     * @param extractor the extractor
     * @return the features and their Gaussian
     */
    public static ReferenceFeatures referenceFeatures(Reference reference, FeatureExtractor extractor) {
        String key = reference.key() + "|" + extractor.description();
        synchronized (CACHE) {
            ReferenceFeatures cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        float[][] rows = extractor.extract(reference.images()).features();
        ReferenceFeatures computed = new ReferenceFeatures(
                reference.description(), extractor.description(), rows, GaussianStatistics.of(rows));
        synchronized (CACHE) {
            CACHE.put(key, computed);
        }
        return computed;
    }

    /**
     * Evaluates generated images.
     *
     * @param generated one row a sample, in the dataset's units ([-1, 1] for images), at least 2
     * @param labels the class each was generated for (conditional models), or null
     * @param reference the reference's features
     * @param extractor the extractor that made them
     * @param accuracy the classifier for the conditional accuracy, or null to leave it out
     * @param seed fixes KID's subsets and precision and recall's reference subset
     * @return the metrics
     */
    public static Result evaluate(float[][] generated, int[] labels, ReferenceFeatures reference,
            FeatureExtractor extractor, ImageClassifier accuracy, long seed) {
        if (generated.length < 2) {
            throw new ConfigException("an evaluation needs at least 2 samples, got " + generated.length);
        }
        FeatureExtractor.Extracted x = extractor.extract(generated);
        float[][] g = x.features();
        float[][] r = reference.rows();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(extractor instanceof ClassifierFeatures ? FCD : FID,
                FrechetDistance.between(reference.statistics(), GaussianStatistics.of(g)));
        KernelDistance kid = KernelDistance.compute(r, g, seed);
        m.put(KID, kid.mean());
        m.put(KID_STD, kid.std());
        // Kynkäänniemi et al. compare equal numbers of real and generated samples.
        int n = Math.min(r.length, g.length);
        if (n > PrecisionRecall.DEFAULT_K) {
            float[][] rSub = r.length == n ? r : pick(r, Features.choose(r.length, n, new SplittableRandom(seed + 1)));
            float[][] gSub = g.length == n ? g : pick(g, Features.choose(g.length, n, new SplittableRandom(seed + 2)));
            PrecisionRecall pr = PrecisionRecall.compute(rSub, gSub);
            m.put(PRECISION, pr.precision());
            m.put(RECALL, pr.recall());
        }
        if (x.probabilities() != null) {
            ClassifierScore cs = ClassifierScore.compute(
                    x.probabilities(), Math.min(ClassifierScore.DEFAULT_SPLITS, generated.length));
            m.put(CLASSIFIER_SCORE, cs.mean());
            m.put(CLASSIFIER_SCORE_STD, cs.std());
        }
        if (accuracy != null && labels != null) {
            m.put(ClassifierAccuracy.METRIC, accuracy.accuracy(generated, labels));
        }
        return new Result(reference.features(), reference.reference(), r.length, generated.length, m);
    }

    private static float[][] pick(float[][] rows, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    /**
     * Evaluates 2-D samples against the mixture they should come from.
     *
     * @param generated the samples, in the dataset's units
     * @param mixture the known distribution
     * @param dataset the dataset's name
     * @return the toy metrics
     */
    public static Result toy(float[][] generated, GaussianMixture mixture, String dataset) {
        Map<String, Double> m = new LinkedHashMap<>(ToyMetrics.compute(generated, mixture).asMap());
        return new Result("toy metrics (VEEGAN / PacGAN)", dataset + " mixture (" + mixture.modes() + " modes)", 0,
                generated.length, m);
    }
}
