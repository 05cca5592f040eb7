package org.gan4j.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.GanDataset;
import org.gan4j.eval.ToyMetrics;

/**
 * Evaluation during training, every {@link TrainConfig#evalEvery()} epochs and at the last: for
 * labelled image datasets the {@link QualityEvaluation} of the epoch's evaluation samples on the
 * classifier's features against the reference split (whose features are computed at the first
 * evaluation), for 2-D mixtures the toy metrics the trainer already computes. Each evaluation
 * adds one line (source "training") to {@code evaluations.jsonl}; {@link
 * QualityEvaluation#TRAINING_METRICS} go into the epoch's metrics, NaN on epochs not evaluated
 * so that metrics.csv keeps one header.
 */
public final class TrainingEvaluation {

    private final TrainConfig cfg;
    private final DatasetProvider provider;
    private final ClassifierFeatures features;
    private final boolean toy;
    private final Path runDir;
    private final Consumer<String> messages;
    private QualityEvaluation.ReferenceFeatures reference;

    private TrainingEvaluation(TrainConfig cfg, DatasetProvider provider, ClassifierFeatures features, boolean toy,
            Path runDir, Consumer<String> messages) {
        this.cfg = cfg;
        this.provider = provider;
        this.features = features;
        this.toy = toy;
        this.runDir = runDir;
        this.messages = messages;
    }

    /**
     * The evaluation of a run, or null when it has none (evalEvery 0, or data with neither a
     * classifier nor a mixture).
     *
     * @param cfg the resolved config
     * @param provider the dataset's provider, for the reference split
     * @param data the opened dataset
     * @param classifier the run's evaluation classifier, or null; not closed here
     * @param runDir the run directory, or null for a run kept in memory (no evaluations.jsonl)
     * @param messages told what is done, e.g. how long the first evaluation took
     * @return the evaluation, or null
     */
    public static TrainingEvaluation create(TrainConfig cfg, DatasetProvider provider, GanDataset data,
            ImageClassifier classifier, Path runDir, Consumer<String> messages) {
        boolean toy = data.mixture().isPresent();
        if (cfg.evalEvery() == 0 || (classifier == null && !toy)) {
            return null;
        }
        ClassifierFeatures features =
                classifier == null ? null : new ClassifierFeatures(classifier, cfg.dataset().name(), false);
        return new TrainingEvaluation(cfg, provider, features, toy, runDir, messages);
    }

    /**
     * Whether a dataset gets the classifier's metrics during training.
     *
     * @param cfg the config
     * @param data the dataset
     * @return true for labelled image datasets when evaluation is on
     */
    public static boolean wantsClassifier(TrainConfig cfg, GanDataset data) {
        return cfg.evalEvery() > 0 && data.sampleShape().dimension() == 3 && data.numClasses() >= 2;
    }

    /**
     * Evaluates an epoch's samples when it is due and puts the metrics in the epoch's map.
     *
     * @param epoch the epoch, from 1
     * @param totalEpochs the run's epochs
     * @param step the step at the epoch's end
     * @param generated the epoch's evaluation samples, in the dataset's units
     * @param labels their labels (conditional models) or null
     * @param metrics the epoch's metrics so far (class accuracy, toy metrics); added to
     */
    public void evaluate(int epoch, int totalEpochs, long step, float[][] generated, int[] labels,
            Map<String, Double> metrics) {
        boolean due = epoch % cfg.evalEvery() == 0 || epoch == totalEpochs;
        if (features == null) {
            if (due && toy && metrics.containsKey(ToyMetrics.MODES)) {
                Map<String, Object> line = Evaluations.object(new QualityEvaluation.Result(
                        "toy metrics (VEEGAN / PacGAN)", cfg.dataset().name() + " mixture", 0, generated.length,
                        metrics), Evaluations.TRAINING, step, epoch, Instant.now());
                if (runDir != null) {
                    Evaluations.append(runDir, line);
                }
            }
            return;
        }
        for (String name : QualityEvaluation.TRAINING_METRICS) {
            metrics.put(name, Double.NaN);
        }
        if (!due) {
            return;
        }
        long start = System.nanoTime();
        boolean first = reference == null;
        if (first) {
            reference = QualityEvaluation.referenceFeatures(
                    QualityEvaluation.reference(provider, cfg.dataset(), cfg.dataDir(), cfg.seed(), null), features);
        }
        long evalStart = System.nanoTime();
        QualityEvaluation.Result r = QualityEvaluation.evaluate(generated, null, reference, features, null, cfg.seed());
        long end = System.nanoTime();
        for (String name : QualityEvaluation.TRAINING_METRICS) {
            metrics.put(name, r.metrics().getOrDefault(name, Double.NaN));
        }
        // The line holds the epoch's other metrics too (class accuracy) and the spreads.
        Map<String, Double> all = new java.util.LinkedHashMap<>(r.metrics());
        metrics.forEach(all::putIfAbsent);
        if (runDir != null) {
            Evaluations.append(runDir, Evaluations.object(new QualityEvaluation.Result(
                r.features(), r.reference(), r.referenceSamples(), r.samples(), all),
                Evaluations.TRAINING, step, epoch, Instant.now()));
        }
        if (first) {
            messages.accept(String.format(Locale.ROOT,
                    "evaluated %d samples against %s (%d) in %.1f s; its features took %.1f s, once",
                    generated.length, r.reference(), r.referenceSamples(), (end - evalStart) / 1e9,
                    (evalStart - start) / 1e9));
        }
    }
}
