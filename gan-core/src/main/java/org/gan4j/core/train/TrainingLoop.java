package org.gan4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Noise;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.eval.EpochEvaluator;
import org.gan4j.api.eval.Ranking;
import org.gan4j.api.game.AdversarialPair;
import org.gan4j.api.game.DiscriminatorFigures;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.ProductInputs;
import org.gan4j.api.game.StepResult;
import org.gan4j.api.game.UpdateResult;
import org.gan4j.api.train.DivergenceEvent;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.EvaluationSamples;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.game.Diverged;
import org.gan4j.core.game.ProductSampler;
import org.gan4j.core.run.Checkpoints;
import org.gan4j.core.run.RunDirectory;

/**
 * The training loop of a session: epochs of steps, each step the game's updates through the step
 * runner, with the learning-rate schedule applied and the engine's generator reseeded at every
 * step; the product's moving average updated; events for the listeners; each epoch's evaluation;
 * checkpoints by the checkpoint policy; and divergence handled by the divergence policy.
 */
final class TrainingLoop {

    /**
     * Steps between two measurements of the game for the health monitor (every step of the first
     * {@link #DIAGNOSTICS_FIRST} is measured too). A measured step costs a few reductions over the
     * scores and gradients and small copies to the host, which wait for the engine; measuring one
     * step in ten keeps that out of the way of training's own speed.
     */
    static final int DIAGNOSTICS_EVERY = 10;

    /** The first steps are all measured: a run that fails at once should show it at once. */
    static final int DIAGNOSTICS_FIRST = 10;

    /**
     * Batches made ahead of the update that needs them, on the prefetch thread: enough that the
     * engine never waits while making a batch takes less time than an update; more would only
     * hold memory (a 64x64 RGB batch of 128 is 6 MiB).
     */
    static final int PREFETCH_DEPTH = 2;

    private final TrainingSession s;
    private final Listeners listeners;
    private final Checkpoints checkpoints;
    private final CheckpointPolicy checkpointPolicy;
    private final DivergencePolicy divergencePolicy;
    private final LearningRateSchedule schedule;
    private final ProductSampler sampler;
    private final ProductInputs evaluationInputs;
    private final float[][] realEvaluation;
    private long startStep;
    private double learningRateFactor = 1.0;

    TrainingLoop(TrainingSession session, Listeners listeners) {
        this.s = session;
        this.listeners = listeners;
        this.checkpoints = session.run == null ? null : new Checkpoints(session.run);
        this.checkpointPolicy = new CheckpointPolicy(session.config.checkpointEvery());
        this.divergencePolicy = new DivergencePolicy(session.config.onDivergence());
        this.schedule = LearningRateSchedule.named(session.config.learningRateSchedule());
        Product product = session.game.product();
        this.sampler = new ProductSampler(product, in -> session.ema != null
                ? session.ema.forward(in)
                : session.networks.forward(product.network(), in, false).singletonOrThrow(), session.manager);
        this.evaluationInputs = ProductInputs.draw(product, session.config.evalSamples(), session.config.seed(),
                Noise.EVALUATION, -1, realImages(session, product));
        this.realEvaluation = session.realEvaluationSamples();
    }

    /**
     * The values of a product's image inputs for the evaluation samples: the first real samples of
     * the data, in the model's units, the same for the whole run (image inputs cannot be drawn from
     * noise, and an image-to-image product is judged on what it makes of real samples). Empty
     * for products that take no image.
     */
    static Map<String, float[]> realImages(TrainingSession session, Product product) {
        List<ProductInput> images = product.inputs().stream().filter(i -> i.kind() == ProductInput.Kind.IMAGE).toList();
        if (images.isEmpty()) {
            return Map.of();
        }
        for (ProductInput in : images) {
            if (!in.shape().equals(session.data.sampleShape())) {
                throw new ConfigException("the product's image input '" + in.name() + "' takes " + in.shape()
                        + " but dataset '" + session.config.dataset().name() + "' has samples of "
                        + session.data.sampleShape() + "; gan4j evaluates such a product on real samples, so choose"
                        + " a dataset (or its size option) whose samples the product takes");
            }
        }
        int count = session.config.evalSamples();
        int size = Math.toIntExact(session.data.sampleShape().size());
        float[] values = new float[Math.multiplyExact(count, size)];
        int filled = 0;
        for (long epoch = 0; filled < count; epoch++) {
            Iterator<SampleBatch> batches = session.data.epoch(epoch, session.config.batchSize());
            if (!batches.hasNext()) {
                throw new ConfigException("dataset '" + session.config.dataset().name() + "' has no batch of "
                        + session.config.batchSize() + " samples to evaluate the product on; use a smaller batch size");
            }
            while (batches.hasNext() && filled < count) {
                SampleBatch b = batches.next();
                int n = Math.min(b.size(), count - filled);
                System.arraycopy(b.values(), 0, values, filled * size, n * size);
                filled += n;
            }
        }
        Map<String, float[]> byName = new LinkedHashMap<>();
        images.forEach(in -> byName.put(in.name(), values));
        return byName;
    }

    /** Whether a step is measured for the health monitor. */
    static boolean measured(long step) {
        return step <= DIAGNOSTICS_FIRST || step % DIAGNOSTICS_EVERY == 0;
    }

    private int epochOf(long step) {
        return (int) (Math.max(0, step - 1) / s.stepsPerEpoch) + 1;
    }

    /**
     * Continues from a checkpoint: its weights, optimizer moments, game state, step and rate factor.
     *
     * @param checkpoint the checkpoint
     */
    void restore(Checkpoints.Checkpoint checkpoint) {
        NDList state = checkpoint.restore(
                new Checkpoints.Contents(s.networkBlocks(), s.averages(), s.optimizers.all(), null), s.manager);
        s.game.loadState(state);
        state.close();
        if (s.ema != null) {
            s.ema.parametersReplaced();
        }
        // Loading replaces the parameters' arrays: the new ones must record gradients again, and
        // the forward passes must stop using the old ones they cached (a rollback's are NaN).
        s.networks.parametersReplaced();
        startStep = checkpoint.state().step();
        learningRateFactor = checkpoint.state().learningRateFactor();
        listeners.message("resuming from " + checkpoint.dir() + " at step " + startStep + " of " + s.totalSteps);
    }

    /**
     * Trains to the end.
     *
     * @return the run's final figures
     */
    TrainingSummary run() {
        long start = System.nanoTime();
        listeners.start(new TrainingStart(s.config, s.spec, s.run == null ? null : s.run.root(), s.totalSteps,
                s.totalEpochs, s.stepsPerEpoch, startStep, s.gameInfo));
        Map<String, Double> metrics;
        while (true) {
            try {
                metrics = trainFrom(startStep);
                break;
            } catch (Diverged d) {
                Optional<Checkpoints.Checkpoint> last = checkpoints == null
                        ? Optional.empty()
                        : checkpoints.latest(w -> listeners.message("warning: " + w));
                Checkpoints.Checkpoint back;
                try {
                    back = divergencePolicy.decide(d, last);
                } catch (RuntimeException stop) {
                    listeners.divergence(new DivergenceEvent(d.step(), epochOf(d.step()), d.getMessage(), -1));
                    throw stop;
                }
                listeners.divergence(new DivergenceEvent(d.step(), epochOf(d.step()), d.getMessage(),
                        back.state().step()));
                restore(back);
                learningRateFactor *= 0.5;
                listeners.message(d.getMessage() + "; rolled back to " + back.dir() + " with the learning rates halved"
                        + " (factor " + learningRateFactor + ", rollback " + divergencePolicy.rollbacks() + " of "
                        + DivergencePolicy.MAX_ROLLBACKS + ")");
            }
        }
        if (s.run != null) {
            for (Map.Entry<String, ai.djl.nn.Block> n : s.networkBlocks().entrySet()) {
                RunDirectory.saveParameters(n.getValue(), s.run.finalNetworkFile(n.getKey()));
            }
            for (Map.Entry<String, ai.djl.nn.Block> a : s.averages().entrySet()) {
                RunDirectory.saveParameters(a.getValue(), s.run.finalAverageFile(a.getKey()));
            }
            s.run.writeInfo(s.info(s.totalSteps));
        }
        TrainingSummary summary = new TrainingSummary(s.run == null ? null : s.run.root(), s.totalSteps,
                s.totalEpochs, (System.nanoTime() - start) / 1e9, metrics);
        listeners.end(summary);
        return summary;
    }

    /** Trains from a step to the end; a divergence throws {@link Diverged}. Returns the last metrics. */
    private Map<String, Double> trainFrom(long from) {
        long step = from;
        Map<String, Double> metrics = Map.of();
        Engine engine = s.networks.engine();
        List<String> updates = s.gameInfo.updateNames();
        int batchesPerStep = s.game.batchesPerStep();
        for (int epoch = (int) (from / s.stepsPerEpoch) + 1; step < s.totalSteps; epoch++) {
            Iterator<SampleBatch> source = s.data.epoch(epoch - 1, s.config.batchSize());
            long first = step - (epoch - 1) * s.stepsPerEpoch;
            // A resumed epoch skips the batches its finished steps used: the order is (seed, epoch)'s.
            for (long b = 0; b < first * batchesPerStep; b++) {
                source.next();
            }
            Map<String, Double> sums = new LinkedHashMap<>();
            updates.forEach(u -> sums.put(u, 0.0));
            int n = 0;
            // The next batches are made on another thread while the engine works on this one.
            try (Prefetcher<SampleBatch> batches = new Prefetcher<>(source, PREFETCH_DEPTH, "gan4j-batches")) {
                for (long i = first; i < s.stepsPerEpoch && step < s.totalSteps; i++) {
                    step++;
                    s.optimizers.setLearningRateScale(learningRateFactor * schedule.factor(step, s.totalSteps));
                    // The engine's generator (dropout) depends on the step alone, so resumes are exact.
                    engine.setRandomSeed(Seeds.stream(s.config.seed(), Noise.ENGINE, step).nextInt());
                    boolean measure = measured(step);
                    StepResult result = s.runner.run(s.game, step, batches, measure);
                    if (s.ema != null) {
                        s.ema.update();
                    }
                    Map<String, Double> losses = new LinkedHashMap<>();
                    for (String u : updates) {
                        UpdateResult r = result.updates().get(u);
                        double loss = r == null ? Double.NaN : r.loss();
                        losses.put(u, loss);
                        sums.merge(u, loss, Double::sum);
                    }
                    n++;
                    StepEvent event = new StepEvent(step, s.totalSteps, epoch, losses,
                            measure ? diagnostics(result) : null);
                    listeners.step(event);
                    boolean epochEnd = i == s.stepsPerEpoch - 1 || step == s.totalSteps;
                    if (!epochEnd && checkpoints != null && checkpointPolicy.dueWithinEpoch(step)) {
                        checkpoint(step);
                    }
                }
            }
            EvaluationSamples samples = new EvaluationSamples(evaluationSamples(), labels(), realEvaluation);
            metrics = evaluate(samples, epoch, step);
            Map<String, Double> means = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : sums.entrySet()) {
                means.put(e.getKey(), n == 0 ? Double.NaN : e.getValue() / n);
            }
            EpochEvent event = new EpochEvent(epoch, s.totalEpochs, step, means, metrics, samples);
            listeners.epoch(event);
            if (checkpoints != null) {
                // After the epoch's evaluation, so that a resume from here starts the next epoch.
                Checkpoints.Checkpoint written = null;
                if (checkpointPolicy.dueAtEpochEnd(step, s.totalSteps)) {
                    written = checkpoint(step);
                }
                long at = step;
                checkpointPolicy.keepIfBest(rank(metrics), checkpoints, written, () -> checkpoint(at));
            }
        }
        return metrics;
    }

    /** The class labels the evaluation samples were generated for, or null for a product without labels. */
    private int[] labels() {
        for (int[] labels : evaluationInputs.ints()) {
            if (labels != null) {
                return labels;
            }
        }
        return null;
    }

    /** The step's measured figures: each reported update's gradient norm, each pair's discriminator figures. */
    private StepDiagnostics diagnostics(StepResult result) {
        Map<String, Double> norms = new LinkedHashMap<>();
        result.updates().forEach((name, r) -> norms.put(name, r.gradientNorm()));
        Map<String, DiscriminatorFigures> figures = new LinkedHashMap<>();
        for (AdversarialPair p : s.gameInfo.pairs()) {
            UpdateResult d = result.updates().get(p.discriminatorUpdate());
            if (d != null && d.figures() != null) {
                figures.put(p.name(), d.figures());
            }
        }
        return new StepDiagnostics(norms, figures);
    }

    private Optional<Ranking> rank(Map<String, Double> metrics) {
        for (EpochEvaluator e : s.evaluators) {
            Optional<Ranking> r = e.rank(metrics);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private Map<String, Double> evaluate(EvaluationSamples samples, int epoch, long step) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (EpochEvaluator e : s.evaluators) {
            m.putAll(e.evaluate(samples, epoch, s.totalEpochs, step));
        }
        return m;
    }

    private float[][] evaluationSamples() {
        int count = evaluationInputs.count();
        float[] flat = sampler.sample(evaluationInputs);
        int size = Math.toIntExact(s.game.product().outputShape().size());
        float[][] rows = new float[count][size];
        float inv = (float) (1.0 / s.data.scale());
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < size; j++) {
                rows[i][j] = flat[i * size + j] * inv;
            }
        }
        return rows;
    }

    private Checkpoints.Checkpoint checkpoint(long step) {
        // A checkpoint must never hold a broken network: it is what a rollback returns to.
        for (String role : s.networks.roles()) {
            requireFiniteWeights(s.networks.parameters(role), role, step);
        }
        Map<String, Long> updates = new LinkedHashMap<>();
        s.optimizers.all().forEach((name, adam) -> updates.put(name, adam.updates()));
        Checkpoints.Checkpoint c;
        try (NDManager scratch = s.manager.newSubManager()) {
            NDList gameState = s.game.saveState(scratch);
            c = checkpoints.write(new Checkpoints.State(step, updates, learningRateFactor),
                    new Checkpoints.Contents(s.networkBlocks(), s.averages(), s.optimizers.all(), gameState),
                    s.config.keepCheckpoints());
        }
        listeners.message("  checkpoint " + c.dir());
        return c;
    }

    private void requireFiniteWeights(List<Parameter> parameters, String which, long step) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter p : parameters) {
                NDArray w = p.getArray();
                if (w.isNaN().logicalOr(w.isInfinite()).any().getBoolean()) {
                    throw new Diverged("training diverged at step " + step + ": a weight of the " + which + " ("
                            + p.getName() + ") is NaN or infinite", step);
                }
            }
        }
    }
}
