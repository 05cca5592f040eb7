package org.gan4j.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.config.Settings;
import org.gan4j.starter.Gan4jModule;
import org.gan4j.core.run.Checkpoints;
import org.gan4j.core.config.ConfigFiles;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.GanTrainer;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.train.TrainingModule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan train}: trains a GAN. Settings come from gan4j's defaults, then the {@code --config}
 * file, then the flags, each overriding the one before.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a GAN. With no options, trains an MLP GAN on the 8-mode ring in about a minute on 2 cores.",
            "Settings: defaults < --config file < flags. The run directory gets config.json,",
            "run.json, metrics.csv, samples/ and checkpoints/."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @picocli.CommandLine.ParentCommand GanCommand gan;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (any subset of config.json's keys).")
    Path configFile;

    @Option(names = "--game", paramLabel = "NAME",
            description = "What a training step does (see 'gan plugins'). Default: adversarial.")
    String game;

    @Option(names = "--game-opt", paramLabel = "KEY=VALUE", description = "An option of the game.")
    Map<String, String> gameOptions;

    @Option(names = "--model", paramLabel = "NAME", description = "Architecture (see 'gan plugins'). Default: mlp.")
    String model;

    @Option(names = "--loss", paramLabel = "NAME", description = "Adversarial loss. Default: non-saturating.")
    String loss;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Dataset. Default: ring.")
    String dataset;

    @Option(names = "--model-opt", paramLabel = "KEY=VALUE", description = "An option of the model, e.g. g-hidden=256,256.")
    Map<String, String> modelOptions;

    @Option(names = "--loss-opt", paramLabel = "KEY=VALUE", description = "An option of the loss.")
    Map<String, String> lossOptions;

    @Option(names = "--dataset-opt", paramLabel = "KEY=VALUE", description = "An option of the dataset, e.g. samples=51200.")
    Map<String, String> datasetOptions;

    @Option(names = "--regularizer", paramLabel = "NAME", description = "A regularizer to add (repeatable), e.g. r1, instance-noise.")
    java.util.List<String> regularizers;

    @Option(names = "--regularizer-opt", paramLabel = "NAME.KEY=VALUE", description = "An option of a regularizer, e.g. r1.gamma=1.")
    Map<String, String> regularizerOptions;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset's files are.")
    Path dataDir;

    @ArgGroup(exclusive = true)
    Length length;

    /** Training length: epochs or steps, not both. */
    static final class Length {
        @Option(names = "--epochs", paramLabel = "N", required = true, description = "Epochs to train.")
        Integer epochs;

        @Option(names = "--steps", paramLabel = "N", required = true, description = "Steps to train.")
        Long steps;
    }

    @Option(names = "--batch-size", paramLabel = "N", description = "Samples a batch.")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialization, noise and data order.")
    Long seed;

    @Option(names = "--latent-size", paramLabel = "N", description = "Length of the generator's latent vector.")
    Integer latentSize;

    @Option(names = "--d-steps", paramLabel = "K", description = "Discriminator updates per generator update (default: the loss's choice, 1 or 5).")
    Integer discriminatorSteps;

    @Option(names = "--unrolled-steps", paramLabel = "K", description = "Unrolled GAN: update G against D unrolled K updates ahead (first-order surrogate).")
    Integer unrolledSteps;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate of both networks.")
    Double learningRate;

    @Option(names = "--g-lr", paramLabel = "RATE", description = "Adam learning rate of the generator (overrides --lr).")
    Double generatorLearningRate;

    @Option(names = "--d-lr", paramLabel = "RATE", description = "Adam learning rate of the discriminator (overrides --lr).")
    Double discriminatorLearningRate;

    @Option(names = "--beta1", paramLabel = "B", description = "Adam beta1 of both networks.")
    Double beta1;

    @Option(names = "--lr-schedule", paramLabel = "S", description = "constant, or linear decay to zero over the run.")
    String learningRateSchedule;

    @Option(names = "--beta2", paramLabel = "B", description = "Adam beta2 of both networks.")
    Double beta2;

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu, gpu or gpu:N. Default: cpu.")
    String device;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory. Default: runs/<time>-<model>-<dataset>.")
    Path out;

    @Option(names = "--force", description = "Reuse an existing, non-empty --out.")
    boolean force;

    @Option(names = "--quiet", description = "Print only the final figures.")
    boolean quiet;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue an interrupted run from its newest whole checkpoint, to its configured length"
                    + " (or a longer --epochs/--steps).")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint every N steps (default: at the end of each epoch).")
    Long checkpointEvery;

    @Option(names = "--keep-checkpoints", paramLabel = "K", description = "Keep the newest K checkpoints (default: 3).")
    Integer keepCheckpoints;

    @Option(names = "--ema", paramLabel = "DECAY",
            description = "Keep an exponential moving average of the generator's weights (e.g. 0.999) for samples,"
                    + " metrics and export. Default: off.")
    Double emaDecay;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Evaluate sample quality (FCD, KID, precision, recall, classifier score against the"
                    + " dataset's reference split) every N epochs and at the last; 0 for never (default: 1).")
    Integer evalEvery;

    @Option(names = "--on-divergence", paramLabel = "WHAT",
            description = "stop (default), or rollback: on a NaN or infinite loss or weight, return to the last"
                    + " checkpoint with the learning rates halved (up to 3 times).")
    String onDivergence;
    /** The run's train.log, from when the run directory is known until the command ends. */
    private RunLogFile runLog;

    /** The console output, closed when the command ends so that an error starts below the bar. */
    private ConsoleProgress console;

    @Override
    public Integer call() {
        try {
            return trainRun();
        } catch (RuntimeException | Error e) {
            if (runLog != null) {
                runLog.failed(e);
            }
            throw e;
        } finally {
            if (console != null) {
                console.close();
            }
            if (runLog != null) {
                runLog.close();
            }
        }
    }

    private Integer trainRun() {
        PluginCatalog plugins = gan.plugins();
        if (resume != null) {
            return resumeRun(plugins);
        }
        RunSettings settings = RunSettings.resolve(buildConfig(plugins), plugins);
        TrainConfig config = settings.config();
        Path runDir =
                out != null
                        ? out
                        : Path.of(
                                "runs",
                                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                                        + "-" + config.model().name() + "-" + config.dataset().name());
        boolean existed = java.nio.file.Files.exists(runDir);
        RunDirectory run = RunDirectory.create(runDir, force);
        runLog = RunLogFile.open(run.root(), false);
        java.io.PrintWriter progress = spec.commandLine().getOut();
        GanTrainer trainer = trainer(settings, run, progress);
        try {
            trainer.train().close();
        } catch (GanException e) {
            // Bad input or bad data found before training began (a batch larger than an epoch,
            // a truncated IDX file): leave nothing behind that this invocation created. A run
            // that failed later (config.json written) keeps its files for inspection.
            if (!existed && !java.nio.file.Files.exists(run.root().resolve("config.json"))) {
                deleteRecursively(runDir);
            }
            throw e;
        }
        exportGenerator(run, plugins, progress);
        return Main.EXIT_OK;
    }

    /**
     * {@code --resume DIR}: the run's own config, with only its length, checkpointing and output
     * changeable, continued from its newest whole checkpoint.
     */
    private Integer resumeRun(PluginCatalog plugins) {
        RunDirectory run = RunDirectory.openForResume(resume);
        TrainConfig saved = ConfigFiles.read(run.configFile(), TrainConfig.builder().build());
        if (model != null && !model.equals(saved.model().name())) {
            throw new ConfigException("--resume " + resume + " is a run of model '" + saved.model().name()
                    + "', not '" + model + "'; a run continues with the architecture it was trained with");
        }
        java.util.List<String> changed = new java.util.ArrayList<>();
        addIf(changed, configFile != null, "--config");
        addIf(changed, game != null || gameOptions != null, "--game");
        addIf(changed, loss != null, "--loss");
        addIf(changed, dataset != null, "--dataset");
        addIf(changed, modelOptions != null || lossOptions != null || datasetOptions != null, "plugin options");
        addIf(changed, regularizers != null || regularizerOptions != null, "--regularizer");
        addIf(changed, dataDir != null, "--data-dir");
        addIf(changed, batchSize != null || seed != null || latentSize != null || discriminatorSteps != null
                || unrolledSteps != null || emaDecay != null, "--ema, --batch-size, --seed, --latent-size, --d-steps or --unrolled-steps");
        addIf(changed, learningRate != null || generatorLearningRate != null || discriminatorLearningRate != null
                || beta1 != null || beta2 != null || learningRateSchedule != null, "learning-rate flags");
        addIf(changed, device != null || out != null || force, "--device, --out or --force");
        if (!changed.isEmpty()) {
            throw new ConfigException("--resume continues " + resume + " with its own config.json; drop "
                    + String.join(", ", changed) + " (only --epochs, --steps, --checkpoint-every, --keep-checkpoints,"
                    + " --on-divergence and --quiet may be given)");
        }
        TrainConfig.Builder b = saved.toBuilder();
        applyRunFlags(b);
        RunSettings settings = RunSettings.resolve(build(b), plugins);
        java.io.PrintWriter err = spec.commandLine().getErr();
        runLog = RunLogFile.open(run.root(), true);
        int[] damaged = {0};
        Checkpoints.Checkpoint checkpoint = new Checkpoints(run)
                .latest(warning -> {
                    damaged[0]++;
                    warn(err, warning);
                })
                .orElseThrow(() -> new GanException("--resume " + resume + " has no whole checkpoint to continue from;"
                        + (damaged[0] == 0 ? " it stopped before its first one"
                                : (damaged[0] == 1 ? " its only checkpoint is" : " all " + damaged[0] + " of its checkpoints are")
                                        + " damaged (see the warnings above)")
                        + "; train it again with --out " + resume + " --force"));
        java.io.PrintWriter progress = spec.commandLine().getOut();
        trainer(settings, run, progress).resume(checkpoint).close();
        exportGenerator(run, plugins, progress);
        return Main.EXIT_OK;
    }

    /** The flags a new run and a resumed one both take: its length, checkpoints and divergence rule. */
    private void applyRunFlags(TrainConfig.Builder b) {
        if (length != null && length.epochs != null) {
            b.epochs(length.epochs);
        }
        if (length != null && length.steps != null) {
            b.steps(length.steps);
        }
        if (checkpointEvery != null) {
            b.checkpointEvery(checkpointEvery);
        }
        if (keepCheckpoints != null) {
            b.keepCheckpoints(keepCheckpoints);
        }
        if (onDivergence != null) {
            b.onDivergence(onDivergence);
        }
        if (evalEvery != null) {
            b.evalEvery(evalEvery);
        }
    }

    private static void addIf(java.util.List<String> list, boolean condition, String flag) {
        if (condition) {
            list.add(flag);
        }
    }

    private TrainConfig build(TrainConfig.Builder b) {
        try {
            return b.build();
        } catch (ConfigException e) {
            throw new ConfigException("invalid settings: " + e.getMessage(), e);
        }
    }

    private GanTrainer trainer(RunSettings settings, RunDirectory run, java.io.PrintWriter progress) {
        // A bar only on a terminal: pipes and files get the plain lines that scripts read.
        console = new ConsoleProgress(progress, quiet, System.console() != null);
        return Guice.createInjector(
                        new Gan4jModule(settings, run),
                        new AbstractModule() {
                            @Override
                            protected void configure() {
                                TrainingModule.listeners(binder()).addBinding().toInstance(console);
                            }
                        })
                .getInstance(GanTrainer.class);
    }

    /**
     * Writes {@code generator.onnx} into the run. A generator that cannot be exported (a
     * third-party block with no converter) does not fail the training that produced it: the
     * warning says why, and {@code gan export} can be run once a converter exists.
     */
    private void exportGenerator(RunDirectory run, PluginCatalog plugins, java.io.PrintWriter progress) {
        try {
            org.gan4j.export.ExportReport r = GeneratorExports.export(
                    run, plugins, GeneratorExports.exporter(plugins).build(), run.onnxFile());
            if (!quiet) {
                progress.printf(java.util.Locale.ROOT, "  exported %s (ONNX Runtime matches DJL within %.1e)%n",
                        r.file(), r.maxAbsDifference());
            }
        } catch (GanException e) {
            warn(spec.commandLine().getErr(), "generator.onnx not written: " + e.getMessage());
        }
    }

    private static void warn(java.io.PrintWriter err, String warning) {
        err.println("gan train: warning: " + warning);
        RunLogFile.warning(warning);
    }

    private static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // Best effort: the error being reported matters more than the leftovers.
        }
    }

    /**
     * Builds the config from the defaults (gan4j's, adjusted by the chosen architecture's
     * recipe), the config file and the flags.
     *
     * @param plugins where to find the architecture
     * @return the validated config
     */
    TrainConfig buildConfig(PluginCatalog plugins) {
        // The library layers the settings (defaults < the architecture's recipe < the file <
        // these overrides); the command checks each flag in its own words, then maps it onto a
        // setting.
        Settings settings = configFile != null ? Settings.defaults().file(configFile) : Settings.defaults();
        settings = plugin(settings, "game", "--game", game, gameOptions);
        settings = plugin(settings, "model", "--model", model, modelOptions);
        settings = plugin(settings, "loss", "--loss", loss, lossOptions);
        settings = plugin(settings, "dataset", "--dataset", dataset, datasetOptions);
        TrainConfig base = settings.layered(plugins);
        if (regularizers != null || regularizerOptions != null) {
            settings = settings.set("regularizers", regularizerChoices(base));
        }
        if (dataDir != null) {
            settings = settings.set("dataDir", dataDir.toString());
        }
        if (length != null && length.epochs != null) {
            settings = settings.set("epochs", length.epochs);
        }
        if (length != null && length.steps != null) {
            settings = settings.set("steps", length.steps);
        }
        settings = setIf(settings, "checkpointEvery", checkpointEvery);
        settings = setIf(settings, "keepCheckpoints", keepCheckpoints);
        settings = setIf(settings, "onDivergence", onDivergence);
        settings = setIf(settings, "evalEvery", evalEvery);
        settings = setIf(settings, "batchSize", batchSize);
        settings = setIf(settings, "seed", seed);
        settings = setIf(settings, "latentSize", latentSize);
        settings = setIf(settings, "discriminatorSteps", discriminatorSteps);
        settings = setIf(settings, "device", device);
        settings = setIf(settings, "unrolledSteps", unrolledSteps);
        settings = setIf(settings, "emaDecay", emaDecay);
        settings = setIf(settings, "learningRateSchedule", learningRateSchedule);
        if (learningRate != null || generatorLearningRate != null || beta1 != null || beta2 != null) {
            Double gLr = generatorLearningRate != null ? generatorLearningRate : learningRate;
            settings = settings.set("generatorOptimizer",
                    adam(base.generatorOptimizer(), gLr, generatorLearningRate != null ? "--g-lr" : "--lr"));
        }
        if (learningRate != null || discriminatorLearningRate != null || beta1 != null || beta2 != null) {
            Double dLr = discriminatorLearningRate != null ? discriminatorLearningRate : learningRate;
            settings = settings.set("discriminatorOptimizer",
                    adam(base.discriminatorOptimizer(), dLr, discriminatorLearningRate != null ? "--d-lr" : "--lr"));
        }
        return settings.layered(plugins);
    }

    private static Settings setIf(Settings settings, String key, Object value) {
        return value == null ? settings : settings.set(key, value);
    }

    /** A plugin flag and its options flag as settings, the name checked in the flag's words. */
    private static Settings plugin(Settings settings, String key, String flag, String name, Map<String, String> options) {
        Settings out = settings;
        if (name != null) {
            try {
                new PluginChoice(name, options);
            } catch (ConfigException e) {
                throw new ConfigException(flag + ": " + e.getMessage(), e);
            }
            out = out.set(key, name);
        }
        if (options != null) {
            for (Map.Entry<String, String> e : options.entrySet()) {
                out = out.set(key + ".options." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The config file's regularizers, then the flags', with NAME.KEY=VALUE options applied. */
    private java.util.List<PluginChoice> regularizerChoices(TrainConfig base) {
        Map<String, Map<String, String>> options = new java.util.LinkedHashMap<>();
        for (PluginChoice r : base.regularizers()) {
            options.put(r.name(), new java.util.TreeMap<>(r.options()));
        }
        if (regularizers != null) {
            for (String name : regularizers) {
                options.putIfAbsent(name, new java.util.TreeMap<>());
            }
        }
        if (regularizerOptions != null) {
            for (Map.Entry<String, String> e : regularizerOptions.entrySet()) {
                int dot = e.getKey().indexOf('.');
                if (dot <= 0) {
                    throw new ConfigException(
                            "--regularizer-opt " + e.getKey() + "=" + e.getValue()
                                    + ": write NAME.KEY=VALUE, e.g. r1.gamma=1");
                }
                String name = e.getKey().substring(0, dot);
                if (!options.containsKey(name)) {
                    throw new ConfigException(
                            "--regularizer-opt " + e.getKey() + ": regularizer '" + name
                                    + "' is not in the run; add --regularizer " + name);
                }
                options.get(name).put(e.getKey().substring(dot + 1), e.getValue());
            }
        }
        java.util.List<PluginChoice> out = new java.util.ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : options.entrySet()) {
            out.add(choice("--regularizer", e.getKey(), e.getValue(), PluginChoice.of(e.getKey())));
        }
        return out;
    }

    private AdamConfig adam(AdamConfig base, Double lr, String lrFlag) {
        double rate = lr != null ? lr : base.learningRate();
        double b1 = beta1 != null ? beta1 : base.beta1();
        double b2 = beta2 != null ? beta2 : base.beta2();
        try {
            return new AdamConfig(rate, b1, b2, base.epsilon());
        } catch (ConfigException e) {
            String flag =
                    e.getMessage().startsWith("beta1") ? "--beta1" : e.getMessage().startsWith("beta2") ? "--beta2" : lrFlag;
            throw new ConfigException(flag + ": " + e.getMessage(), e);
        }
    }

    private static PluginChoice choice(String flag, String name, Map<String, String> options, PluginChoice base) {
        try {
            return choice(name, options, base);
        } catch (ConfigException e) {
            throw new ConfigException(flag + ": " + e.getMessage(), e);
        }
    }

    private static PluginChoice choice(String name, Map<String, String> options, PluginChoice base) {
        if (name == null || name.equals(base.name())) {
            Map<String, String> merged = new java.util.TreeMap<>(base.options());
            if (options != null) {
                merged.putAll(options);
            }
            return new PluginChoice(base.name(), merged);
        }
        // Another plugin: the base's options were for the old one.
        return new PluginChoice(name, options);
    }
}
