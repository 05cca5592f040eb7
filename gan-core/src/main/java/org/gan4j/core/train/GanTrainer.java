package org.gan4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.GaussianMixture;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerProvider;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.EvaluationSamples;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.eval.ClassifierAccuracy;
import org.gan4j.core.eval.ImageClassifier;
import org.gan4j.core.eval.TrainingEvaluation;
import org.gan4j.core.health.Diversity;
import org.gan4j.core.health.HealthMonitor;
import org.gan4j.core.metrics.ToyMetrics;
import org.gan4j.core.optim.Adam;
import org.gan4j.core.run.Checkpoints;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.run.RunInfo;

/**
 * The GAN training loop of Goodfellow et al. (2014), Algorithm 1. Each step makes {@code k =
 * discriminatorSteps} discriminator updates, each on a fresh real batch and fakes from the
 * generator held fixed (generated without a graph, so no gradient reaches it), then one generator
 * update back-propagated through the discriminator with the discriminator's parameters excluded
 * from differentiation, so only the generator's weights change. Each network has its own Adam.
 *
 * <p>Every array a step creates lives in an {@link NDScope} that is closed at the end of the
 * step, so native memory stays flat however long the run.
 */
public final class GanTrainer {

    /** The gan4j version recorded in run files. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private final TrainConfig config;
    private final PluginCatalog plugins;
    private final RunDirectory run;
    private final List<TrainingListener> listeners;
    /** Quality evaluation during training (FCD, KID, ...), or null; set by each train. */
    private TrainingEvaluation evaluation;

    /**
     * Creates a trainer.
     *
     * @param config what to train
     * @param plugins where to find the plugins the config names
     * @param run where to write the run's files
     * @param listeners observers, called in order
     */
    @Inject
    public GanTrainer(
            TrainConfig config, PluginCatalog plugins, RunDirectory run, Set<TrainingListener> listeners) {
        this.config = config;
        this.plugins = plugins;
        this.run = run;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Resolves the plugins a config names and checks their options (names and, for losses,
     * regularizers and the architecture's batch rule, values), without training: the checks a run
     * makes before it writes anything.
     *
     * @param config the config
     * @param plugins the plugins
     * @return the config with every plugin's options resolved to their full, defaulted form
     */
    public static TrainConfig resolve(TrainConfig config, PluginCatalog plugins) {
        ArchitectureProvider arch = plugins.models().get(config.model().name());
        AdversarialLossProvider loss = plugins.losses().get(config.loss().name());
        DatasetProvider data = plugins.datasets().get(config.dataset().name());
        List<PluginChoice> regularizers = new java.util.ArrayList<>();
        for (PluginChoice r : config.regularizers()) {
            RegularizerProvider provider = plugins.regularizers().get(r.name());
            PluginChoice choice = resolved(RegularizerProvider.KIND, provider, r);
            // Creating is cheap and checks the option values before anything is written.
            provider.create(Options.resolve(RegularizerProvider.KIND, provider, choice.options()));
            regularizers.add(choice);
        }
        PluginChoice lossChoice = resolved(AdversarialLossProvider.KIND, loss, config.loss());
        int preferred =
                loss.create(Options.resolve(AdversarialLossProvider.KIND, loss, lossChoice.options()))
                        .preferredDiscriminatorSteps();
        arch.batchMultiple(Options.resolve(ArchitectureProvider.KIND, arch, config.model().options()));
        int discriminatorSteps = config.discriminatorSteps() == 0 ? preferred : config.discriminatorSteps();
        return config.toBuilder()
                .model(resolved(ArchitectureProvider.KIND, arch, config.model()))
                .loss(lossChoice)
                .regularizers(regularizers)
                .dataset(resolved(DatasetProvider.KIND, data, config.dataset()))
                .discriminatorSteps(discriminatorSteps)
                .build();
    }

    private static PluginChoice resolved(
            String kind, org.gan4j.api.plugin.GanPlugin plugin, PluginChoice choice) {
        return new PluginChoice(
                choice.name(), Options.resolve(kind, plugin, choice.options()).asMap());
    }

    /**
     * Trains to the configured length and saves the final weights.
     *
     * @return the run's final figures
     * @throws GanException on bad input or divergence, with a one-line message
     */
    public TrainingSummary train() {
        return train(null);
    }

    /**
     * Continues a run from a checkpoint to the configured length: the networks, both optimizers
     * and the step come from the checkpoint, and since noise, labels, the data order and the
     * engine's generator are functions of (seed, step), the run ends with the weights an
     * uninterrupted run would have.
     *
     * @param checkpoint the checkpoint to continue from
     * @return the run's final figures
     * @throws GanException if the run is already at its length, or on divergence
     */
    public TrainingSummary resume(Checkpoints.Checkpoint checkpoint) {
        return train(java.util.Objects.requireNonNull(checkpoint, "checkpoint"));
    }

    private TrainingSummary train(Checkpoints.Checkpoint resumeFrom) {
        TrainConfig resolved = resolve(config, plugins);
        ArchitectureProvider arch = plugins.models().get(resolved.model().name());
        AdversarialLossProvider lossProvider = plugins.losses().get(resolved.loss().name());
        DatasetProvider dataProvider = plugins.datasets().get(resolved.dataset().name());
        Options archOptions = Options.resolve(ArchitectureProvider.KIND, arch, resolved.model().options());
        AdversarialLoss loss =
                lossProvider.create(
                        Options.resolve(AdversarialLossProvider.KIND, lossProvider, resolved.loss().options()));
        Engine engine = DjlEnvironment.engine();

        Path dataDir = resolved.dataDir() == null ? null : Path.of(resolved.dataDir());
        try (GanDataset data =
                        dataProvider.open(
                                new DatasetRequest(
                                        dataDir,
                                        resolved.seed(),
                                        Options.resolve(
                                                DatasetProvider.KIND, dataProvider, resolved.dataset().options())));
                NDManager manager = NDManager.newBaseManager(DjlEnvironment.device(resolved.device()))) {
            if (arch.conditional() && data.numClasses() == 0) {
                throw new ConfigException(
                        "model '" + arch.name() + "' is conditional but dataset '" + resolved.dataset().name()
                                + "' has no labels; choose a labelled dataset (e.g. shapes, fashion-mnist)"
                                + " or an unconditional model");
            }
            // An unconditional model trains on a labelled dataset by ignoring the labels.
            ModelSpec spec =
                    new ModelSpec(
                            resolved.latentSize(), data.sampleShape(), arch.conditional() ? data.numClasses() : 0);
            String unsupported = arch.unsupportedReason(spec);
            if (unsupported != null) {
                throw new ConfigException(unsupported);
            }
            int multiple = arch.batchMultiple(archOptions);
            if (resolved.batchSize() % multiple != 0) {
                throw new ConfigException(
                        "model '" + arch.name() + "' needs batches that are a multiple of " + multiple
                                + " (its options: " + archOptions.asMap() + "); --batch-size "
                                + resolved.batchSize() + " is not");
            }
            long batchesPerEpoch = data.size() / resolved.batchSize();
            long stepsPerEpoch = batchesPerEpoch / resolved.discriminatorSteps();
            if (stepsPerEpoch == 0) {
                throw new ConfigException(
                        "dataset '" + resolved.dataset().name() + "' has " + data.size()
                                + " samples an epoch, too few for one step of " + resolved.discriminatorSteps()
                                + " batch(es) of " + resolved.batchSize() + "; lower --batch-size");
            }
            long totalSteps = resolved.steps() > 0 ? resolved.steps() : resolved.epochs() * stepsPerEpoch;
            int totalEpochs = Math.toIntExact((totalSteps + stepsPerEpoch - 1) / stepsPerEpoch);
            if (resumeFrom != null && resumeFrom.state().step() >= totalSteps) {
                throw new ConfigException("run " + run.root() + " has already trained " + resumeFrom.state().step()
                        + " of its " + totalSteps + " steps; to train longer, resume with a larger --epochs or --steps");
            }

            try (ImageClassifier classifier = evaluationClassifier(resolved, spec, data, manager)) {
                evaluation = TrainingEvaluation.create(resolved, dataProvider, data, classifier, run.root(), this::message);
                // The engine's generator draws the initial weights (after the classifier, which
                // seeds it for itself); host streams draw noise and data.
                engine.setRandomSeed((int) (resolved.seed() ^ (resolved.seed() >>> 32)));
                return train(resolved, arch, archOptions, loss, spec, data, manager, classifier,
                        totalSteps, totalEpochs, stepsPerEpoch, resumeFrom);
            }
        }
    }

    private TrainingSummary train(
            TrainConfig resolved,
            ArchitectureProvider arch,
            Options archOptions,
            AdversarialLoss loss,
            ModelSpec spec,
            GanDataset data,
            NDManager manager,
            ImageClassifier classifier,
            long totalSteps,
            int totalEpochs,
            long stepsPerEpoch,
            Checkpoints.Checkpoint resumeFrom) {
        GanNetworks built = arch.create(spec, archOptions);
        GanNetworkState nets = new GanNetworkState(spec, built, manager, resolved.batchSize());
        if (resolved.emaDecay() > 0) {
            nets.enableEma(arch.create(spec, archOptions).generator(), resolved.emaDecay());
        }
        run.writeConfig(resolved);
        run.writeInfo(info(spec, data, 0));
        List<Regularizer> regularizers = new java.util.ArrayList<>(loss.builtInRegularizers());
        for (PluginChoice r : resolved.regularizers()) {
            RegularizerProvider provider = plugins.regularizers().get(r.name());
            regularizers.add(provider.create(Options.resolve(RegularizerProvider.KIND, provider, r.options())));
        }
        Loop loop =
                new Loop(resolved, spec, data, nets, loss, regularizers, classifier, totalSteps, totalEpochs,
                        stepsPerEpoch);
        if (resumeFrom != null) {
            loop.restore(resumeFrom);
        }
        return loop.run();
    }

    /**
     * The classifier behind the class-accuracy metric of conditional image models and the
     * feature metrics of labelled image datasets: loaded from the cache, or trained once on the
     * run's dataset.
     *
     * @return the classifier, or null when the metric does not apply
     */
    private ImageClassifier evaluationClassifier(
            TrainConfig cfg, ModelSpec spec, GanDataset data, NDManager manager) {
        boolean accuracy = spec.conditional() && spec.sampleShape().dimension() == 3;
        if (!accuracy && !TrainingEvaluation.wantsClassifier(cfg, data)) {
            return null;
        }
        Path cache = ClassifierAccuracy.cacheFile(cfg.dataset(), cfg.dataDir(), spec.sampleShape(), data.numClasses());
        if (!java.nio.file.Files.isRegularFile(cache)) {
            message("training a classifier of dataset '" + cfg.dataset().name() + "' for the class-accuracy"
                    + " metric (" + ClassifierAccuracy.EPOCHS + " epochs, once; cached in " + cache + ")");
        }
        return ImageClassifier.cached(
                cache, data, ClassifierAccuracy.EPOCHS, ClassifierAccuracy.SEED, manager,
                epoch -> message("  classifier epoch " + epoch + "/" + ClassifierAccuracy.EPOCHS + " done"));
    }

    private void message(String text) {
        listeners.forEach(l -> l.onMessage(text));
    }

    private static RunInfo info(ModelSpec spec, GanDataset data, long steps) {
        return new RunInfo(
                spec.latentSize(),
                spec.sampleShape().getShape(),
                spec.numClasses(),
                spec.conditional() ? data.classNames() : List.of(),
                data.scale(),
                steps,
                VERSION);
    }

    /**
     * Steps between two measurements of the game for the health monitor (every step of the first
     * {@link #DIAGNOSTICS_FIRST} is measured too). A measured step costs a few reductions over the
     * scores and gradients and two small copies to the host, which wait for the engine; measuring
     * one step in ten keeps that out of the way of training's own speed.
     */
    static final int DIAGNOSTICS_EVERY = 10;
    /**
     * Batches made ahead of the update that needs them, on the prefetch thread: enough that the
     * engine never waits while making a batch takes less time than an update; more would only
     * hold memory (a 64x64 RGB batch of 128 is 6 MiB).
     */
    static final int PREFETCH_DEPTH = 2;

    /** The first steps are all measured: a run that fails at once should show it at once. */
    static final int DIAGNOSTICS_FIRST = 10;

    /** Whether a step is measured for the health monitor. */
    static boolean measured(long step) {
        return step <= DIAGNOSTICS_FIRST || step % DIAGNOSTICS_EVERY == 0;
    }

    /**
     * The epoch whose first batch supplies the real samples the diversity metric compares with,
     * when the dataset has no known distribution: far beyond any run's epochs, and reading it
     * changes nothing, since a dataset's order is a function of (seed, epoch) alone.
     */
    static final long DIVERSITY_REFERENCE_EPOCH = 1_000_000_007L;

    /** Rollbacks a run with {@code onDivergence = rollback} makes before it gives up. */
    static final int MAX_ROLLBACKS = 3;

    /** A non-finite loss: the step is abandoned. */
    private static final class Diverged extends GanException {
        private static final long serialVersionUID = 1L;
        final long step;
        final int epoch;

        Diverged(String message, long step, int epoch) {
            super(message);
            this.step = step;
            this.epoch = epoch;
        }
    }

    /** One run's mutable state. */
    private final class Loop {
        private final TrainConfig cfg;
        private final ModelSpec spec;
        private final GanDataset data;
        private final GanNetworkState nets;
        private final long totalSteps;
        private final int totalEpochs;
        private final long stepsPerEpoch;
        private final Adam generatorAdam;
        private final Adam discriminatorAdam;
        private final AdversarialStep updates;
        private final HostUploads uploads;
        private final float[] evaluationNoise;
        private final int[] evaluationLabels;
        private final float[][] realEvaluation;
        private final ImageClassifier classifier;
        private final Checkpoints checkpoints;
        private final String lossName;
        private final double realDiversity;
        private HealthMonitor health;
        private StepDiagnostics lastDiagnostics;
        private long startStep;
        private double learningRateFactor = 1.0;

        Loop(
                TrainConfig cfg,
                ModelSpec spec,
                GanDataset data,
                GanNetworkState nets,
                AdversarialLoss loss,
                List<Regularizer> regularizers,
                ImageClassifier classifier,
                long totalSteps,
                int totalEpochs,
                long stepsPerEpoch) {
            this.cfg = cfg;
            this.spec = spec;
            this.data = data;
            this.nets = nets;
            this.uploads = new HostUploads(nets.manager());
            this.totalSteps = totalSteps;
            this.totalEpochs = totalEpochs;
            this.stepsPerEpoch = stepsPerEpoch;
            this.classifier = classifier;
            this.generatorAdam = new Adam(cfg.generatorOptimizer(), nets.generatorParameters());
            this.discriminatorAdam = new Adam(cfg.discriminatorOptimizer(), nets.discriminatorParameters());
            this.updates =
                    new AdversarialStep(
                            nets, loss, regularizers, generatorAdam, discriminatorAdam, cfg.seed(), totalSteps);
            this.evaluationNoise =
                    Noise.normal(cfg.seed(), Noise.EVALUATION, 0, cfg.evalSamples(), spec.latentSize());
            this.evaluationLabels = spec.conditional() ? cycleLabels(cfg.evalSamples(), spec.numClasses()) : null;
            this.realEvaluation = data.mixture().map(m -> drawMixture(m, cfg)).orElse(null);
            this.checkpoints = new Checkpoints(run);
            this.lossName = cfg.loss().name();
            this.health = new HealthMonitor(lossName);
            // Drawn once: the real data's spread, which the generated samples' is compared with.
            this.realDiversity = Diversity.meanPairwiseDistance(
                    realEvaluation != null ? realEvaluation : diversityReference(data));
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

        private int epochOf(long step) {
            return (int) (Math.max(0, step - 1) / stepsPerEpoch) + 1;
        }

        private void diagnose(List<Diagnosis> found) {
            for (Diagnosis d : found) {
                listeners.forEach(l -> l.onDiagnosis(d));
            }
        }

        private ai.djl.nn.Block ema() {
            return nets.ema() == null ? null : nets.ema().network();
        }

        private void requireFiniteWeights(List<ai.djl.nn.Parameter> parameters, String which, long step) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (ai.djl.nn.Parameter p : parameters) {
                    NDArray w = p.getArray();
                    if (w.isNaN().logicalOr(w.isInfinite()).any().getBoolean()) {
                        throw new Diverged("training diverged at step " + step + ": a weight of the " + which
                                + " (" + p.getName() + ") is NaN or infinite", step, epochOf(step));
                    }
                }
            }
        }

        /** Continues from a checkpoint: its weights, optimizer moments, step and rate factor. */
        void restore(Checkpoints.Checkpoint checkpoint) {
            checkpoint.restore(nets.generator(), nets.discriminator(), ema(), generatorAdam, discriminatorAdam,
                    nets.manager());
            if (nets.ema() != null) {
                nets.ema().parametersReplaced();
            }
            // Loading replaces the parameters' arrays: the new ones must record gradients again, and
            // the parameter store must stop serving the old ones it cached (a rollback's are NaN).
            nets.parametersReplaced();
            GanNetworkState.trackGradients(nets.generatorParameters(), true);
            GanNetworkState.trackGradients(nets.discriminatorParameters(), true);
            startStep = checkpoint.state().step();
            learningRateFactor = checkpoint.state().learningRateFactor();
            message("resuming from " + checkpoint.dir() + " at step " + startStep + " of " + totalSteps);
        }

        /**
         * Copies the checkpoint of this epoch's end to {@code checkpoints/best} when the run's main
         * metric improved: the class accuracy for conditional image models, the modes covered (then
         * the high-quality share) for the toy mixtures. Other runs have no main metric yet.
         */
        private void keepIfBest(Map<String, Double> metrics, long step, Checkpoints.Checkpoint written) {
            String metric;
            double value;
            double score;
            if (metrics.containsKey(ClassifierAccuracy.METRIC)) {
                metric = ClassifierAccuracy.METRIC;
                value = metrics.get(metric);
                score = value;
            } else if (metrics.containsKey(ToyMetrics.MODES)) {
                metric = ToyMetrics.MODES;
                value = metrics.get(metric);
                score = value + metrics.getOrDefault(ToyMetrics.HIGH_QUALITY, 0.0) / 1000.0;
            } else {
                return;
            }
            if (!Double.isFinite(score) || checkpoints.bestScore().map(best -> score <= best).orElse(false)) {
                return;
            }
            Checkpoints.Checkpoint c = written != null ? written : checkpoint(step);
            checkpoints.markBest(c, metric, value, score);
        }

        private Checkpoints.Checkpoint checkpoint(long step) {
            // A checkpoint must never hold a broken network: it is what a rollback returns to.
            requireFiniteWeights(nets.generatorParameters(), "generator", step);
            requireFiniteWeights(nets.discriminatorParameters(), "discriminator", step);
            Checkpoints.Checkpoint c = checkpoints.write(
                    new Checkpoints.State(step, generatorAdam.updates(), discriminatorAdam.updates(), learningRateFactor),
                    nets.generator(), nets.discriminator(), ema(), generatorAdam, discriminatorAdam,
                    cfg.keepCheckpoints());
            listeners.forEach(l -> l.onMessage("  checkpoint " + c.dir()));
            return c;
        }

        TrainingSummary run() {
            long start = System.nanoTime();
            TrainingStart started =
                    new TrainingStart(cfg, spec, run.root(), totalSteps, totalEpochs, stepsPerEpoch, startStep);
            listeners.forEach(l -> l.onStart(started));
            Map<String, Double> metrics;
            int rollbacks = 0;
            try {
                while (true) {
                    try {
                        metrics = trainFrom(startStep);
                        break;
                    } catch (Diverged d) {
                        diagnose(health.nonFinite(d.step, d.epoch, d.getMessage()));
                        // A rollback starts a new stretch of the run: what went before no longer describes it.
                        health = new HealthMonitor(lossName);
                        Optional<Checkpoints.Checkpoint> last = checkpoints.latest(w -> message("warning: " + w));
                        if (!cfg.onDivergence().equals("rollback") || rollbacks == MAX_ROLLBACKS || last.isEmpty()) {
                            throw new GanException(d.getMessage() + "; " + (last.isEmpty()
                                    ? "no checkpoint was written before it"
                                    : "the last good checkpoint is " + last.get().dir() + " (step "
                                            + last.get().state().step() + ")")
                                    + (cfg.onDivergence().equals("rollback") && last.isPresent()
                                            ? "; gave up after " + rollbacks + " rollbacks"
                                            : "; lower the learning rates (--lr), try another loss, or train with"
                                                    + " --on-divergence rollback"), d);
                        }
                        rollbacks++;
                        restore(last.get());
                        learningRateFactor *= 0.5;
                        message(d.getMessage() + "; rolled back to " + last.get().dir() + " with the learning rates"
                                + " halved (factor " + learningRateFactor + ", rollback " + rollbacks + " of "
                                + MAX_ROLLBACKS + ")");
                    }
                }
                RunDirectory.saveParameters(nets.generator(), run.generatorFile());
                RunDirectory.saveParameters(nets.discriminator(), run.discriminatorFile());
                if (nets.ema() != null) {
                    RunDirectory.saveParameters(nets.ema().network(), run.emaGeneratorFile());
                }
                run.writeInfo(info(spec, data, totalSteps));
            } finally {
                generatorAdam.close();
                discriminatorAdam.close();
            }
            TrainingSummary summary =
                    new TrainingSummary(
                            run.root(), totalSteps, totalEpochs, (System.nanoTime() - start) / 1e9, metrics);
            listeners.forEach(l -> l.onEnd(summary));
            return summary;
        }

        /** Trains from a step to the end; a divergence throws {@link Diverged}. Returns the last metrics. */
        private Map<String, Double> trainFrom(long from) {
            long step = from;
            Map<String, Double> metrics = Map.of();
            Engine engine = nets.engine();
            for (int epoch = (int) (from / stepsPerEpoch) + 1; step < totalSteps; epoch++) {
                Iterator<SampleBatch> source = data.epoch(epoch - 1, cfg.batchSize());
                long first = step - (epoch - 1) * stepsPerEpoch;
                // A resumed epoch skips the batches its finished steps used: the order is (seed, epoch)'s.
                for (long b = 0; b < first * cfg.discriminatorSteps(); b++) {
                    source.next();
                }
                double dSum = 0;
                double gSum = 0;
                int n = 0;
                // The next batches are made on another thread while the engine works on this one.
                try (Prefetcher<SampleBatch> batches = new Prefetcher<>(source, PREFETCH_DEPTH, "gan4j-batches")) {
                    for (long s = first; s < stepsPerEpoch && step < totalSteps; s++) {
                        step++;
                        double scale = learningRateFactor;
                        if (cfg.learningRateSchedule().equals("linear")) {
                            // Step s of T trains at (T - s + 1) / T of the rate: the last at 1/T.
                            scale *= (double) (totalSteps - step + 1) / totalSteps;
                        }
                        generatorAdam.setLearningRateScale(scale);
                        discriminatorAdam.setLearningRateScale(scale);
                        // The engine's generator (dropout) depends on the step alone, so resumes are exact.
                        engine.setRandomSeed(Seeds.stream(cfg.seed(), Noise.ENGINE, step).nextInt());
                        double[] losses = step(batches, step);
                        if (nets.ema() != null) {
                            nets.ema().update();
                        }
                        dSum += losses[0];
                        gSum += losses[1];
                        n++;
                        StepEvent event = new StepEvent(step, totalSteps, epoch, losses[0], losses[1], lastDiagnostics);
                        listeners.forEach(l -> l.onStep(event));
                        diagnose(health.step(event));
                        boolean epochEnd = s == stepsPerEpoch - 1 || step == totalSteps;
                        if (!epochEnd && cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0) {
                            checkpoint(step);
                        }
                    }
                }
                float[][] generated = evaluationSamples();
                metrics = metrics(generated, epoch, step);
                EpochEvent event =
                        new EpochEvent(
                                epoch, totalEpochs, step, n == 0 ? Double.NaN : dSum / n, n == 0 ? Double.NaN : gSum / n,
                                metrics, new EvaluationSamples(generated, evaluationLabels, realEvaluation));
                listeners.forEach(l -> l.onEpoch(event));
                diagnose(health.epoch(event));
                // After the epoch's evaluation, so that a resume from here starts the next epoch.
                Checkpoints.Checkpoint written = null;
                if (cfg.checkpointEvery() == 0 || step % cfg.checkpointEvery() == 0 || step == totalSteps) {
                    written = checkpoint(step);
                }
                keepIfBest(metrics, step, written);
            }
            return metrics;
        }

        /** One step: k discriminator updates, then one generator update. Returns {dLoss, gLoss}. */
        private double[] step(Iterator<SampleBatch> batches, long step) {
            int n = cfg.batchSize();
            Shape zShape = new Shape(n, spec.latentSize());
            Shape xShape = new Shape(n).addAll(spec.sampleShape());
            double dLoss = Double.NaN;
            NDArray lastReal = null;
            NDArray lastRealLabels = null;
            boolean measure = measured(step);
            lastDiagnostics = null;
            updates.measure(measure);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (int k = 0; k < cfg.discriminatorSteps(); k++) {
                    SampleBatch batch = batches.next();
                    NDArray real = uploads.floats(batch.values(), xShape);
                    NDArray realLabels = spec.conditional() ? uploads.ints(batch.labels(), new Shape(n)) : null;
                    long index = step * cfg.discriminatorSteps() + k;
                    NDArray z = noise(Noise.DISCRIMINATOR, index, zShape);
                    NDArray fakeLabels = fakeLabels(Noise.DISCRIMINATOR, index, n);
                    NDArray d = updates.updateDiscriminator(real, realLabels, z, fakeLabels, step, k);
                    dLoss = checkFinite(d.getFloat(), "discriminator", step);
                    lastReal = real;
                    lastRealLabels = realLabels;
                }
                // The step's last real discriminator update, before any unrolled look-ahead ones.
                AdversarialStep.DiscriminatorFigures dFigures = updates.discriminatorFigures();
                updates.measure(false);
                NDArray z = noise(Noise.GENERATOR, step, zShape);
                NDArray zLabels = fakeLabels(Noise.GENERATOR, step, n);
                NDArray g;
                if (cfg.unrolledSteps() > 0) {
                    // Unrolled GAN (Metz et al. 2016), first-order surrogate: update D k steps
                    // ahead on the last real batch, update G against that D, then undo D's
                    // look-ahead. No gradient flows through the unrolled updates themselves.
                    try (AdversarialStep.DiscriminatorSnapshot saved = updates.snapshotDiscriminator()) {
                        for (int u = 0; u < cfg.unrolledSteps(); u++) {
                            long index = step * cfg.unrolledSteps() + u;
                            updates.updateDiscriminator(
                                    lastReal, lastRealLabels, noise(Noise.UNROLLED, index, zShape),
                                    fakeLabels(Noise.UNROLLED, index, n), step, cfg.discriminatorSteps() + u);
                        }
                        updates.measure(measure);
                        g = updates.updateGenerator(z, zLabels, lastReal, lastRealLabels, step);
                        saved.restore();
                    }
                } else {
                    updates.measure(measure);
                    g = updates.updateGenerator(z, zLabels, lastReal, lastRealLabels, step);
                }
                double gLoss = checkFinite(g.getFloat(), "generator", step);
                if (measure) {
                    lastDiagnostics = new StepDiagnostics(
                            dFigures.realAccuracy(), dFigures.fakeAccuracy(), dFigures.realScore(),
                            dFigures.fakeScore(), dFigures.threshold(), updates.generatorGradientNorm(),
                            dFigures.gradientNorm());
                }
                updates.measure(false);
                return new double[] {dLoss, gLoss};
            }
        }

        private NDArray noise(long stream, long index, Shape shape) {
            return uploads.floats(Noise.normal(cfg.seed(), stream, index, (int) shape.get(0), (int) shape.get(1)), shape);
        }

        private NDArray fakeLabels(long stream, long index, int n) {
            if (!spec.conditional()) {
                return null;
            }
            SplittableRandom random = Seeds.stream(cfg.seed(), stream, index, 1);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(spec.numClasses());
            }
            return uploads.ints(labels, new Shape(n));
        }

        private double checkFinite(float value, String which, long step) {
            if (!Float.isFinite(value)) {
                throw new Diverged("training diverged at step " + step + ": the " + which + " loss is " + value,
                        step, epochOf(step));
            }
            return value;
        }

        private float[][] evaluationSamples() {
            int count = cfg.evalSamples();
            float[] flat = nets.sample(evaluationNoise, evaluationLabels, count);
            int size = spec.sampleSize();
            float[][] rows = new float[count][size];
            float inv = (float) (1.0 / data.scale());
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < size; j++) {
                    rows[i][j] = flat[i * size + j] * inv;
                }
            }
            return rows;
        }

        private Map<String, Double> metrics(float[][] generated, int epoch, long step) {
            Map<String, Double> m = new LinkedHashMap<>();
            data.mixture().ifPresent(mix -> m.putAll(ToyMetrics.compute(generated, mix).asMap()));
            if (classifier != null && spec.conditional()) {
                m.put(ClassifierAccuracy.METRIC, classifier.accuracy(generated, evaluationLabels));
            }
            m.put(Diversity.METRIC, Diversity.meanPairwiseDistance(generated) / realDiversity);
            if (evaluation != null) {
                evaluation.evaluate(epoch, totalEpochs, step, generated, evaluationLabels, m);
            }
            return m;
        }
    }

    private static int[] cycleLabels(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    private static float[][] drawMixture(GaussianMixture mixture, TrainConfig cfg) {
        SplittableRandom random = Seeds.stream(cfg.seed(), Noise.REAL_EVALUATION, 0);
        float[][] rows = new float[cfg.evalSamples()][mixture.dimension()];
        for (float[] row : rows) {
            double[] c = mixture.centres()[random.nextInt(mixture.modes())];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (c[j] + mixture.sigma() * random.nextGaussian());
            }
        }
        return rows;
    }
}
