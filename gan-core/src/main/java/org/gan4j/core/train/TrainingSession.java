package org.gan4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.GaussianMixture;
import org.gan4j.api.data.Noise;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.eval.EpochEvaluator;
import org.gan4j.api.eval.Evaluation;
import org.gan4j.api.eval.EvaluationSetup;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.GameInfo;
import org.gan4j.api.game.Network;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.game.EmaNetwork;
import org.gan4j.core.game.GameNetworks;
import org.gan4j.core.game.GameOptimizers;
import org.gan4j.core.game.RuntimeGameSetup;
import org.gan4j.core.game.StepRunner;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.run.RunInfo;

/**
 * A run's set-up, made once from its resolved settings: the dataset opened, the game created and
 * checked against it, the run's length worked out, the evaluations opened (which may train a
 * classifier), then the engine seeded and the game's networks built and initialized, the product's
 * moving average, the optimizers and the step runner. Owns what it opens; {@link #close()}
 * releases it all, unless the networks were handed over to a {@link TrainedGan}.
 */
final class TrainingSession implements AutoCloseable {

    /** The gan4j version recorded in run files. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    final TrainConfig config;
    final PluginCatalog plugins;
    final RunDirectory run;
    final DatasetProvider dataProvider;
    final GanDataset data;
    final NDManager manager;
    final Game game;
    final GameInfo gameInfo;
    final ModelSpec spec;
    final long totalSteps;
    final int totalEpochs;
    final long stepsPerEpoch;
    final List<EpochEvaluator> evaluators = new ArrayList<>();
    GameNetworks networks;
    EmaNetwork ema;
    GameOptimizers optimizers;
    StepRunner runner;
    private boolean networksHandedOver;

    private TrainingSession(TrainConfig config, PluginCatalog plugins, RunDirectory run, DatasetProvider dataProvider,
            GanDataset data, NDManager manager, Game game, long resumeStep) {
        this.config = config;
        this.plugins = plugins;
        this.run = run;
        this.dataProvider = dataProvider;
        this.data = data;
        this.manager = manager;
        this.game = game;
        this.gameInfo = GameInfo.of(config.game().name(), game);
        this.spec = productSpec(config, game.product());
        if (game.batchesPerStep() < 1) {
            throw new IllegalStateException("game '" + config.game().name() + "' reads " + game.batchesPerStep()
                    + " batches a step; a game reads at least one");
        }
        long batchesPerEpoch = data.size() / config.batchSize();
        this.stepsPerEpoch = batchesPerEpoch / game.batchesPerStep();
        if (stepsPerEpoch == 0) {
            throw new ConfigException("dataset '" + config.dataset().name() + "' has " + data.size()
                    + " samples an epoch, too few for one step of " + game.batchesPerStep() + " batch(es) of "
                    + config.batchSize(), Remedy.of("lower {}", SettingChange.of("batchSize")));
        }
        this.totalSteps = config.steps() > 0 ? config.steps() : config.epochs() * stepsPerEpoch;
        this.totalEpochs = Math.toIntExact((totalSteps + stepsPerEpoch - 1) / stepsPerEpoch);
        if (resumeStep >= totalSteps) {
            throw new ConfigException("run " + run.root() + " has already trained " + resumeStep + " of its " + totalSteps
                    + " steps", Remedy.either("to train longer, resume with a larger {}", SettingChange.of("epochs"),
                            SettingChange.of("steps")));
        }
    }

    /** The product's spec, as listeners and run.json describe it: latent size, output shape, classes. */
    private static ModelSpec productSpec(TrainConfig config, Product product) {
        ProductInput noise = product.input(ProductInput.Kind.NORMAL);
        return new ModelSpec(noise != null ? noise.size() : config.latentSize(), product.outputShape(),
                product.numClasses());
    }

    /**
     * Sets a run up.
     *
     * @param config the resolved settings
     * @param plugins where the plugins are
     * @param run the run directory, or null for a run kept in memory
     * @param evaluations the evaluations to open
     * @param listeners told about slow set-up work
     * @param resumeStep the checkpoint's step when resuming, else -1
     * @return the session
     */
    static TrainingSession open(TrainConfig config, PluginCatalog plugins, RunDirectory run,
            List<Evaluation> evaluations, Listeners listeners, long resumeStep) {
        Engine engine = DjlEnvironment.engine();
        DatasetProvider provider = plugins.datasets().get(config.dataset().name());
        Path dataDir = config.dataDir() == null ? null : Path.of(config.dataDir());
        GanDataset data = provider.open(new DatasetRequest(dataDir, config.seed(),
                Options.resolve(DatasetProvider.KIND, provider, config.dataset().options())));
        NDManager manager = null;
        TrainingSession session = null;
        try {
            manager = NDManager.newBaseManager(DjlEnvironment.device(config.device()));
            Game game = RuntimeGameSetup.createGame(config, DataSpec.of(data), plugins);
            session = new TrainingSession(config, plugins, run, provider, data, manager, game, resumeStep);
            session.build(evaluations, listeners, engine);
            return session;
        } catch (RuntimeException | Error e) {
            if (session != null) {
                session.close();
            } else {
                if (manager != null) {
                    manager.close();
                }
                data.close();
            }
            throw e;
        }
    }

    private void build(List<Evaluation> evaluations, Listeners listeners, Engine engine) {
        // Evaluations first: a classifier they train seeds the engine for itself.
        for (Evaluation e : evaluations) {
            evaluators.add(e.open(new EvaluationSetup(config, dataProvider, data, spec, run == null ? null : run.root(),
                    manager, listeners::message)));
        }
        // The engine's generator draws the initial weights; host streams draw noise and data.
        engine.setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
        networks = new GameNetworks(game.networks(), manager);
        if (config.emaDecay() > 0) {
            Network product = network(game.product().network());
            ema = new EmaNetwork(product.factory().get(), networks.block(product.role()), product.inputShapes(), manager,
                    config.emaDecay());
        }
        if (run != null) {
            run.writeConfig(config);
            run.writeInfo(info(0));
        }
        optimizers = new GameOptimizers(game.optimizers(), networks);
        runner = new StepRunner(game, networks, optimizers, data.sampleShape(), config.seed(), totalSteps);
    }

    /** A network of the game, by role. */
    Network network(String role) {
        return game.networks().stream().filter(n -> n.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalStateException("game '" + config.game().name() + "' names its product '"
                        + role + "' but has no such network"));
    }

    /** What run.json records: enough to rebuild the product without the dataset. */
    RunInfo info(long steps) {
        return new RunInfo(config.latentSize(), data.sampleShape().getShape(), spec.numClasses(),
                spec.conditional() ? data.classNames() : List.of(), data.scale(), steps, VERSION,
                config.game().name(), game.product().network());
    }

    /** The product network as samples are drawn from it: its moving average when there is one. */
    Block productBlock() {
        return ema != null ? ema.network() : networks.block(game.product().network());
    }

    /** @return the networks by role, for checkpoints */
    Map<String, Block> networkBlocks() {
        Map<String, Block> m = new LinkedHashMap<>();
        for (String role : networks.roles()) {
            m.put(role, networks.block(role));
        }
        return m;
    }

    /** @return the moving averages by the averaged role, for checkpoints */
    Map<String, Block> averages() {
        return ema == null ? Map.of() : Map.of(game.product().network(), ema.network());
    }

    /**
     * Real samples for plots and metrics when the data have a known distribution: drawn once from
     * it, in the dataset's own units.
     *
     * @return the samples, or null when the dataset has no known distribution
     */
    float[][] realEvaluationSamples() {
        return data.mixture().map(this::drawMixture).orElse(null);
    }

    private float[][] drawMixture(GaussianMixture mixture) {
        SplittableRandom random = Seeds.stream(config.seed(), Noise.REAL_EVALUATION, 0);
        float[][] rows = new float[config.evalSamples()][mixture.dimension()];
        for (float[] row : rows) {
            double[] c = mixture.centres()[random.nextInt(mixture.modes())];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (c[j] + mixture.sigma() * random.nextGaussian());
            }
        }
        return rows;
    }

    /** Keeps the networks and their manager open past {@link #close()}, for a trained model. */
    void handOverNetworks() {
        networksHandedOver = true;
    }

    @Override
    public void close() {
        try {
            for (EpochEvaluator e : evaluators) {
                e.close();
            }
        } finally {
            try {
                if (optimizers != null) {
                    optimizers.close();
                }
            } finally {
                try {
                    if (!networksHandedOver) {
                        manager.close();
                    }
                } finally {
                    data.close();
                }
            }
        }
    }
}
