package org.gan4j.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.eval.EpochEvaluator;
import org.gan4j.api.eval.Evaluation;
import org.gan4j.api.eval.EvaluationSetup;
import org.gan4j.api.eval.MetricNames;
import org.gan4j.api.eval.Ranking;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.train.EvaluationSamples;
import org.gan4j.eval.ToyMetrics;

/**
 * gan4j's evaluation during training, every epoch: the toy metrics on datasets with a known
 * mixture (modes, high-quality samples, reverse KL), the class accuracy of conditional image
 * models (a classifier trained once on the dataset and cached), the diversity of every dataset's
 * samples, and every {@code evalEvery} epochs the feature metrics of labelled image datasets (FCD,
 * KID, precision, recall, classifier score; see {@link TrainingEvaluation}). Its main metric, for
 * the best checkpoint: the class accuracy, else the modes covered with the high-quality share as
 * tie-breaker.
 */
public final class StandardEvaluation implements Evaluation {

    /**
     * The epoch whose first batch supplies the real samples the diversity metric compares with,
     * when the dataset has no known distribution: far beyond any run's epochs, and reading it
     * changes nothing, since a dataset's order is a function of (seed, epoch) alone.
     */
    static final long DIVERSITY_REFERENCE_EPOCH = 1_000_000_007L;

    /** Creates the evaluation. */
    public StandardEvaluation() {}

    @Override
    public EpochEvaluator open(EvaluationSetup setup) {
        ImageClassifier classifier = classifier(setup);
        try {
            TrainingEvaluation quality = TrainingEvaluation.create(setup.config(), setup.dataset(), setup.data(),
                    classifier, setup.runDir(), setup.messages());
            return new Evaluator(setup, classifier, quality);
        } catch (RuntimeException e) {
            if (classifier != null) {
                classifier.close();
            }
            throw e;
        }
    }

    /**
     * The classifier behind the class-accuracy metric of conditional image models and the
     * feature metrics of labelled image datasets: loaded from the cache, or trained once on the
     * run's dataset.
     *
     * @return the classifier, or null when no metric needs one
     */
    private static ImageClassifier classifier(EvaluationSetup setup) {
        ModelSpec spec = setup.spec();
        boolean accuracy = spec.conditional() && spec.sampleShape().dimension() == 3;
        if (!accuracy && !TrainingEvaluation.wantsClassifier(setup.config(), setup.data())) {
            return null;
        }
        Path cache = ClassifierAccuracy.cacheFile(setup.config().dataset(), setup.config().dataDir(),
                spec.sampleShape(), setup.data().numClasses());
        if (!Files.isRegularFile(cache)) {
            setup.messages().accept("training a classifier of dataset '" + setup.config().dataset().name()
                    + "' for the class-accuracy metric (" + ClassifierAccuracy.EPOCHS + " epochs, once; cached in "
                    + cache + ")");
        }
        return ImageClassifier.cached(cache, setup.data(), ClassifierAccuracy.EPOCHS, ClassifierAccuracy.SEED,
                setup.manager(), epoch -> setup.messages().accept("  classifier epoch " + epoch + "/"
                        + ClassifierAccuracy.EPOCHS + " done"));
    }

    /** One run's evaluator. */
    private static final class Evaluator implements EpochEvaluator {
        private final EvaluationSetup setup;
        private final ImageClassifier classifier;
        private final TrainingEvaluation quality;
        private double realDiversity = Double.NaN;

        Evaluator(EvaluationSetup setup, ImageClassifier classifier, TrainingEvaluation quality) {
            this.setup = setup;
            this.classifier = classifier;
            this.quality = quality;
        }

        @Override
        public Map<String, Double> evaluate(EvaluationSamples samples, int epoch, int totalEpochs, long step) {
            float[][] generated = samples.generated();
            Map<String, Double> m = new LinkedHashMap<>();
            setup.data().mixture().ifPresent(mix -> m.putAll(ToyMetrics.compute(generated, mix).asMap()));
            if (classifier != null && setup.spec().conditional()) {
                m.put(MetricNames.CLASS_ACCURACY, classifier.accuracy(generated, samples.labels()));
            }
            if (Double.isNaN(realDiversity)) {
                // Once: the real data's spread, which the generated samples' is compared with.
                realDiversity = Diversity.meanPairwiseDistance(
                        samples.real() != null ? samples.real() : diversityReference(setup.data()));
            }
            m.put(MetricNames.DIVERSITY, Diversity.meanPairwiseDistance(generated) / realDiversity);
            if (quality != null) {
                quality.evaluate(epoch, totalEpochs, step, generated, samples.labels(), m);
            }
            return m;
        }

        @Override
        public Optional<Ranking> rank(Map<String, Double> metrics) {
            if (metrics.containsKey(MetricNames.CLASS_ACCURACY)) {
                double v = metrics.get(MetricNames.CLASS_ACCURACY);
                return Optional.of(new Ranking(MetricNames.CLASS_ACCURACY, v, v));
            }
            if (metrics.containsKey(MetricNames.MODES)) {
                double v = metrics.get(MetricNames.MODES);
                return Optional.of(new Ranking(MetricNames.MODES, v,
                        v + metrics.getOrDefault(MetricNames.HIGH_QUALITY, 0.0) / 1000.0));
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            if (classifier != null) {
                classifier.close();
            }
        }
    }

    /** Up to {@link Diversity#MAX_SAMPLES} real samples, in the dataset's own units. */
    private static float[][] diversityReference(GanDataset data) {
        int n = (int) Math.min(Diversity.MAX_SAMPLES, data.size());
        SampleBatch batch = data.epoch(DIVERSITY_REFERENCE_EPOCH, n).next();
        int size = batch.values().length / n;
        float inv = (float) (1.0 / data.scale());
        float[][] rows = new float[n][size];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < size; j++) {
                rows[i][j] = batch.values()[i * size + j] * inv;
            }
        }
        return rows;
    }
}
