package org.gan4j.core.train;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gan4j.api.GanException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.eval.Evaluation;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.config.ConfigFiles;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.health.HealthMonitor;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.run.Checkpoints;
import org.gan4j.core.run.RunDirectory;

/**
 * Trains a game: gan4j's library entry point. Built once for one run's settings, it sets the run
 * up ({@link TrainingSession}), runs the loop ({@link TrainingLoop}) with the health monitor and
 * the given listeners and evaluations, and returns the trained model in memory.
 *
 * <pre>{@code
 * TrainConfig config = TrainConfig.builder().steps(2000).build();   // an MLP GAN on the ring
 * try (TrainedGan gan = GanTrainer.builder(config).build().train()) {
 *     float[][] samples = gan.sample(100);
 * }
 * }</pre>
 *
 * <p>With a run directory, the run's files are written there (config.json, run.json, checkpoints,
 * final weights) and the run can be resumed; without one, nothing is written. Guice users get a
 * trainer from {@link TrainingModule}.
 */
public final class GanTrainer {

    private final TrainConfig config;
    private final PluginCatalog plugins;
    private final RunDirectory run;
    private final List<TrainingListener> listeners;
    private final List<Evaluation> evaluations;

    /**
     * Creates a trainer (Guice's constructor; others use {@link #builder}).
     *
     * @param settings what to train, resolved
     * @param run where to write the run's files
     * @param listeners observers, called in order
     * @param evaluations what to measure every epoch
     */
    @Inject
    public GanTrainer(RunSettings settings, RunDirectory run, Set<TrainingListener> listeners,
            Set<Evaluation> evaluations) {
        this(settings, run, List.copyOf(listeners), List.copyOf(evaluations));
    }

    private GanTrainer(RunSettings settings, RunDirectory run, List<TrainingListener> listeners,
            List<Evaluation> evaluations) {
        this.config = settings.config();
        this.plugins = settings.plugins();
        this.run = run;
        this.listeners = List.copyOf(listeners);
        this.evaluations = List.copyOf(evaluations);
    }

    /**
     * A builder for a run's trainer; the settings are resolved against the plugins when it builds.
     *
     * @param config what to train
     * @return the builder
     */
    public static Builder builder(TrainConfig config) {
        return new Builder(config, null);
    }

    /**
     * A builder for a run's trainer from settings already resolved.
     *
     * @param settings what to train
     * @return the builder
     */
    public static Builder builder(RunSettings settings) {
        return new Builder(settings.config(), settings);
    }

    /** @return the run's settings, every plugin's options resolved */
    public TrainConfig config() {
        return config;
    }

    /**
     * Trains to the configured length; with a run directory, saves the final weights there.
     *
     * @return the trained model and the run's final figures; close it when done
     * @throws GanException on bad input or divergence, with a one-line message
     */
    public TrainedGan train() {
        return train(null);
    }

    /**
     * Continues a run from a checkpoint to the configured length: the networks, optimizers, game
     * state and step come from the checkpoint, and since every random draw and the data order are
     * functions of (seed, step), the run ends with the weights an uninterrupted run would have.
     *
     * @param checkpoint the checkpoint to continue from
     * @return the trained model and the run's final figures
     * @throws GanException if the run is already at its length, or on divergence
     */
    public TrainedGan resume(Checkpoints.Checkpoint checkpoint) {
        if (run == null) {
            throw new IllegalStateException("a run is resumed from its run directory; give the trainer one");
        }
        return train(Objects.requireNonNull(checkpoint, "checkpoint"));
    }

    private TrainedGan train(Checkpoints.Checkpoint resumeFrom) {
        List<TrainingListener> all = new ArrayList<>();
        Listeners[] broadcast = new Listeners[1];
        // The health monitor reports through the broadcast, after the event that showed the problem.
        all.add(new HealthMonitor(d -> broadcast[0].diagnose(d)));
        all.addAll(listeners);
        broadcast[0] = new Listeners(all);
        try (TrainingSession session = TrainingSession.open(config, plugins, run, evaluations, broadcast[0],
                resumeFrom == null ? -1 : resumeFrom.state().step())) {
            TrainingLoop loop = new TrainingLoop(session, broadcast[0]);
            if (resumeFrom != null) {
                loop.restore(resumeFrom);
            }
            var summary = loop.run();
            session.handOverNetworks();
            TrainedModel model = new TrainedModel(session.game.product(),
                    TrainedModel.specOf(session.game.product(), config.latentSize()), session.info(session.totalSteps),
                    session.productBlock(), session.manager, false, config, ConfigFiles.toJson(config) + "\n");
            return new TrainedGan(model, summary, session.manager);
        }
    }

    /** Builds a {@link GanTrainer}. */
    public static final class Builder {
        private final TrainConfig config;
        private final RunSettings settings;
        private PluginCatalog plugins;
        private RunDirectory run;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private final List<Evaluation> evaluations = new ArrayList<>();

        private Builder(TrainConfig config, RunSettings settings) {
            this.config = Objects.requireNonNull(config, "config");
            this.settings = settings;
        }

        /**
         * The plugins to draw from; by default those the settings were resolved against, or those
         * on the thread's context class loader.
         *
         * @param v the catalog
         * @return this builder
         */
        public Builder plugins(PluginCatalog v) {
            plugins = v;
            return this;
        }

        /**
         * Where to write the run's files (config.json, run.json, checkpoints, final weights, and
         * through {@link RunFiles}' listeners metrics.csv, health.csv, diagnosis.jsonl); by
         * default none are written and the run cannot be resumed.
         *
         * @param v the run directory
         * @return this builder
         */
        public Builder runDirectory(RunDirectory v) {
            run = v;
            return this;
        }

        /**
         * Adds an observer, called after those added before it.
         *
         * @param v the listener
         * @return this builder
         */
        public Builder listener(TrainingListener v) {
            listeners.add(Objects.requireNonNull(v, "listener"));
            return this;
        }

        /**
         * Adds an evaluation, run every epoch (gan-eval's {@code StandardEvaluation} gives gan4j's
         * metrics); by default there is none and epochs report no metrics.
         *
         * @param v the evaluation
         * @return this builder
         */
        public Builder evaluation(Evaluation v) {
            evaluations.add(Objects.requireNonNull(v, "evaluation"));
            return this;
        }

        /**
         * Resolves the settings against the plugins and checks them.
         *
         * @return the trainer
         * @throws org.gan4j.api.ConfigException naming the setting, if one is invalid
         */
        public GanTrainer build() {
            RunSettings resolved = settings != null && plugins == null
                    ? settings
                    : RunSettings.resolve(config, plugins != null
                            ? plugins
                            : PluginCatalog.load(Thread.currentThread().getContextClassLoader()));
            List<TrainingListener> all = new ArrayList<>();
            if (run != null) {
                all.addAll(RunFiles.listeners(run));
            }
            all.addAll(listeners);
            return new GanTrainer(resolved, run, all, evaluations);
        }
    }
}
