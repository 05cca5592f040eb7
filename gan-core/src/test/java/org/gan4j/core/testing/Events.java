package org.gan4j.core.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.game.AdversarialPair;
import org.gan4j.api.game.DiscriminatorFigures;
import org.gan4j.api.game.GameInfo;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.UpdateSpec;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.EvaluationSamples;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingStart;

/** Training events of the adversarial game (updates d and g, one pair), for listeners' tests. */
public final class Events {

    private Events() {}

    /**
     * The adversarial game's description for a spec.
     *
     * @param spec the product's spec
     * @return the game info
     */
    public static GameInfo adversarial(ModelSpec spec) {
        List<ProductInput> inputs = spec.conditional()
                ? List.of(ProductInput.normal("z", spec.latentSize()), ProductInput.categorical("label", spec.numClasses()))
                : List.of(ProductInput.normal("z", spec.latentSize()));
        return new GameInfo("adversarial", List.of(new UpdateSpec("d", "discriminator"), new UpdateSpec("g", "generator")),
                List.of(new AdversarialPair("gan", "g", "d")), new Product("generator", inputs, spec.sampleShape()));
    }

    /**
     * A run's start.
     *
     * @param config the settings
     * @param spec the product's spec
     * @param runDir the run directory
     * @param totalSteps steps
     * @param totalEpochs epochs
     * @param stepsPerEpoch steps an epoch
     * @param startStep the first step, 0 unless resumed
     * @return the event
     */
    public static TrainingStart start(TrainConfig config, ModelSpec spec, Path runDir, long totalSteps, int totalEpochs,
            long stepsPerEpoch, long startStep) {
        return new TrainingStart(config, spec, runDir, totalSteps, totalEpochs, stepsPerEpoch, startStep, adversarial(spec));
    }

    /**
     * A step without measurements.
     *
     * @param step the step
     * @param totalSteps the run's steps
     * @param epoch its epoch
     * @param dLoss the discriminator's loss
     * @param gLoss the generator's loss
     * @return the event
     */
    public static StepEvent step(long step, long totalSteps, int epoch, double dLoss, double gLoss) {
        return step(step, totalSteps, epoch, dLoss, gLoss, null);
    }

    /**
     * A step.
     *
     * @param step the step
     * @param totalSteps the run's steps
     * @param epoch its epoch
     * @param dLoss the discriminator's loss
     * @param gLoss the generator's loss
     * @param diagnostics its measurements, or null
     * @return the event
     */
    public static StepEvent step(long step, long totalSteps, int epoch, double dLoss, double gLoss,
            StepDiagnostics diagnostics) {
        return new StepEvent(step, totalSteps, epoch, ordered(dLoss, gLoss), diagnostics);
    }

    private static Map<String, Double> ordered(double d, double g) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("d", d);
        m.put("g", g);
        return m;
    }

    /**
     * A step's measurements, as the adversarial game's were.
     *
     * @param realAccuracy D's accuracy on reals
     * @param fakeAccuracy D's accuracy on fakes
     * @param realScore D's mean real score
     * @param fakeScore D's mean fake score
     * @param threshold the decision threshold
     * @param generatorNorm G's gradient norm
     * @param discriminatorNorm D's gradient norm
     * @return the diagnostics
     */
    public static StepDiagnostics diagnostics(double realAccuracy, double fakeAccuracy, double realScore,
            double fakeScore, double threshold, double generatorNorm, double discriminatorNorm) {
        Map<String, Double> norms = new java.util.LinkedHashMap<>();
        norms.put("d", discriminatorNorm);
        norms.put("g", generatorNorm);
        return new StepDiagnostics(norms, Map.of("gan",
                new DiscriminatorFigures(realAccuracy, fakeAccuracy, realScore, fakeScore, threshold)));
    }

    /**
     * An epoch.
     *
     * @param epoch the epoch
     * @param totalEpochs the run's epochs
     * @param step its last step
     * @param dMean D's mean loss
     * @param gMean G's mean loss
     * @param metrics its metrics
     * @param samples its samples, or null
     * @return the event
     */
    public static EpochEvent epoch(int epoch, int totalEpochs, long step, double dMean, double gMean,
            Map<String, Double> metrics, EvaluationSamples samples) {
        return new EpochEvent(epoch, totalEpochs, step, ordered(dMean, gMean), metrics, samples);
    }
}
