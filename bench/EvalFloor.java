// Run by bench/eval-floor.sh (java runs this single source file on the gan command's class path).
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.data.*;
import org.gan4j.api.plugin.Options;
import org.gan4j.eval.*;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;

/** Real Fashion-MNIST against itself (train split vs the test split) and uniform noise: the floor and a ceiling of gan eval's numbers. */
public class EvalFloor {
    public static void main(String[] args) {
        PluginCatalog plugins = PluginCatalog.load(EvalFloor.class.getClassLoader());
        DatasetProvider provider = plugins.datasets().get("fashion-mnist");
        PluginChoice fm = new PluginChoice("fashion-mnist", Options.resolve(DatasetProvider.KIND, provider, Map.of()).asMap());
        DjlEnvironment.engine();
        try (NDManager manager = NDManager.newBaseManager();
             GanDataset data = provider.open(new DatasetRequest(null, 42, Options.resolve(DatasetProvider.KIND, provider, Map.of())));
             ImageClassifier classifier = ImageClassifier.cached(
                     ClassifierAccuracy.cacheFile(fm, null, data.sampleShape(), data.numClasses()), data,
                     ClassifierAccuracy.EPOCHS, ClassifierAccuracy.SEED, manager, e -> {})) {
            ClassifierFeatures features = new ClassifierFeatures(classifier, "fashion-mnist", false);
            var test = QualityEvaluation.referenceFeatures(QualityEvaluation.reference(provider, fm, null, 42, "test"), features);
            float[][] train = QualityEvaluation.reference(provider, fm, null, 42, "train").images();
            for (int n : new int[] {10000, 2500}) {
                float[][] rows = java.util.Arrays.copyOf(train, n);
                System.out.println("train split, " + n + ": " + QualityEvaluation.evaluate(rows, null, test, features, null, 42).metrics());
            }
            java.util.SplittableRandom r = new java.util.SplittableRandom(1);
            float[][] noise = new float[10000][784];
            for (float[] row : noise) for (int j = 0; j < row.length; j++) row[j] = (float) (r.nextDouble() * 2 - 1);
            System.out.println("uniform noise, 10000: " + QualityEvaluation.evaluate(noise, null, test, features, null, 42).metrics());
        }
    }
}
