package org.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.plugin.Options;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole evaluation, classifier features included, on sets whose answer is known: held-out
 * real images score like the reference, noise scores far from it, and a "generator" that draws
 * one class only keeps its precision but loses its recall and its classifier score — the
 * separation of quality from coverage the metrics exist for.
 */
class QualityEvaluationTest {

    private static final PluginCatalog PLUGINS = PluginCatalog.load(QualityEvaluationTest.class.getClassLoader());

    private static GanDataset shapes(long seed, int samples) {
        DatasetProvider p = PLUGINS.datasets().get("shapes");
        return p.open(new DatasetRequest(
                null, seed, Options.resolve(DatasetProvider.KIND, p, Map.of("samples", String.valueOf(samples), "size", "28"))));
    }

    /** Every image of a dataset's first epoch, with its label in {@code labels}. */
    private static float[][] images(GanDataset data, List<Integer> labels) {
        List<float[]> rows = new ArrayList<>();
        int size = (int) data.sampleShape().size();
        Iterator<SampleBatch> it = data.epoch(0, 128);
        while (it.hasNext()) {
            SampleBatch b = it.next();
            for (int i = 0; i < b.size(); i++) {
                rows.add(java.util.Arrays.copyOfRange(b.values(), i * size, (i + 1) * size));
                labels.add(b.labels()[i]);
            }
        }
        return rows.toArray(float[][]::new);
    }

    @Test
    void heldOutRealImagesNoiseAndOneClassScoreAsTheyShould(@TempDir Path dir) {
        DjlEnvironment.engine();
        try (NDManager manager = NDManager.newBaseManager();
                GanDataset train = shapes(1, 1536);
                GanDataset referenceData = shapes(2, 1024);
                GanDataset heldOutData = shapes(3, 1024);
                ImageClassifier classifier = ImageClassifier.cached(dir.resolve("c.params"), train, 8, 5, manager, e -> {})) {
            ClassifierFeatures features = new ClassifierFeatures(classifier, "shapes", false);
            float[][] reference = images(referenceData, new ArrayList<>());
            List<Integer> heldOutLabels = new ArrayList<>();
            float[][] heldOut = images(heldOutData, heldOutLabels);
            QualityEvaluation.ReferenceFeatures ref = QualityEvaluation.referenceFeatures(
                    new QualityEvaluation.Reference("shapes seed 2", reference, "test-shapes-2"), features);

            Map<String, Double> real = QualityEvaluation.evaluate(heldOut, null, ref, features, null, 7).metrics();

            SplittableRandom random = new SplittableRandom(11);
            float[][] noise = new float[heldOut.length][heldOut[0].length];
            for (float[] row : noise) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (random.nextDouble() * 2 - 1);
                }
            }
            Map<String, Double> random01 = QualityEvaluation.evaluate(noise, null, ref, features, null, 7).metrics();

            List<float[]> oneClass = new ArrayList<>();
            for (int i = 0; i < heldOut.length; i++) {
                if (heldOutLabels.get(i) == 0) {
                    oneClass.add(heldOut[i]);
                }
            }
            Map<String, Double> collapsed =
                    QualityEvaluation.evaluate(oneClass.toArray(float[][]::new), null, ref, features, null, 7).metrics();

            double accuracy = classifier.accuracy(heldOut, heldOutLabels.stream().mapToInt(Integer::intValue).toArray());
            String all = "accuracy " + accuracy + "\nreal " + real + "\nnoise " + random01 + "\none class " + collapsed;
            assertEquals(List.of("fcd", "kid", "kid_std", "precision", "recall", "classifier_score",
                    "classifier_score_std"), List.copyOf(real.keySet()), all);
            // Held-out real images: near the reference on every count.
            assertTrue(real.get("fcd") < 0.05 * random01.get("fcd"), all);
            assertTrue(Math.abs(real.get("kid")) < 3 * real.get("kid_std") + 0.01 * random01.get("kid"), all);
            assertTrue(real.get("precision") > 0.7 && real.get("recall") > 0.7, all);
            // The score is as sharp as the classifier: this small one tells the 6 shapes apart 70-75% of the time.
            assertTrue(real.get("classifier_score") > 2, "6 classes, evenly drawn: " + all);
            // Noise: far away, inside nothing.
            assertTrue(random01.get("kid") > 20 * Math.max(real.get("kid"), real.get("kid_std")), all);
            assertTrue(random01.get("precision") < 0.1 && random01.get("recall") < 0.1, all);
            // One class: real-looking (precision high) but covering a sixth (recall and score low).
            assertTrue(collapsed.get("precision") > 0.7, all);
            assertTrue(collapsed.get("recall") < 0.5 * real.get("recall"), all);
            assertTrue(collapsed.get("classifier_score") < 1.5, all);
            assertTrue(random01.get("classifier_score") < 1.5, all);
            assertTrue(collapsed.get("fcd") > 10 * real.get("fcd"), all);
        }
    }
}
