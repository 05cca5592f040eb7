package org.gan4j.cli;

import static org.gan4j.cli.CliTest.failsWith;
import static org.gan4j.cli.CliTest.gan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gan4j.cli.CliTest.Result;
import org.gan4j.core.plugin.TestPluginJars;
import org.gan4j.onnx.TinyOnnxGenerators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad inputs of docs/errors.md, each with the exact line the CLI prints and its exit code.
 * Most cases already asserted exactly elsewhere (CliTest, ResumeTest, SampleOnnxTest,
 * ExportCommandTest, PluginFolderCliTest) are not repeated here; docs/errors.md names the test of
 * every entry. Keep the two in step: a changed message changes both.
 */
class ErrorCatalogTest {

    private static final String LOSS = "org.gan4j.api.loss.AdversarialLossProvider";
    private static final String MODEL = "org.gan4j.api.model.ArchitectureProvider";
    private static final String CONVERTER = "org.gan4j.api.export.BlockConverter";

    /** A tiny MLP GAN on the ring: 10 steps an epoch. */
    private static final List<String> TINY = List.of("--batch-size", "64", "--dataset-opt", "samples=640",
            "--model-opt", "g-hidden=16", "--model-opt", "d-hidden=16", "--quiet");

    @TempDir static Path tmp;
    /** A finished run of 40 steps with checkpoints at 20, 30 and 40. */
    static Path run;
    /** Test plugins: model 'twice-mlp' (with a block that has no ONNX converter) and loss 'nan-from-7'. */
    static Path plugins;
    /** The same, plus a converter for that block that writes it wrongly (as Identity). */
    static Path wrongConverter;

    private static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(base);
        return all.toArray(String[]::new);
    }

    @BeforeAll
    static void trainARunAndBuildThePlugins() throws IOException {
        run = tmp.resolve("run");
        Result r = gan(args(TINY, "train", "--steps", "40", "--checkpoint-every", "10", "--out", run.toString()));
        assertEquals(0, r.code(), r.err());

        Map<String, String> sources = new java.util.HashMap<>(Map.of(
                "test.plugins.Twice", """
                        package test.plugins;
                        import ai.djl.ndarray.NDList;
                        import ai.djl.ndarray.types.Shape;
                        import ai.djl.nn.AbstractBlock;
                        import ai.djl.training.ParameterStore;
                        import ai.djl.util.PairList;
                        public final class Twice extends AbstractBlock {
                            public Twice() { super((byte) 1); }
                            protected NDList forwardInternal(ParameterStore s, NDList in, boolean training,
                                    PairList<String, Object> params) {
                                return new NDList(in.singletonOrThrow().mul(2));
                            }
                            public Shape[] getOutputShapes(Shape[] in) { return in; }
                        }
                        """,
                "test.plugins.TwiceMlp", """
                        package test.plugins;
                        import ai.djl.nn.SequentialBlock;
                        import ai.djl.nn.core.Linear;
                        import org.gan4j.api.model.ArchitectureProvider;
                        import org.gan4j.api.model.GanNetworks;
                        import org.gan4j.api.model.ModelSpec;
                        import org.gan4j.api.plugin.Options;
                        public final class TwiceMlp implements ArchitectureProvider {
                            public String name() { return "twice-mlp"; }
                            public String description() { return "test model: Linear, Twice (x * 2), Linear"; }
                            public GanNetworks create(ModelSpec spec, Options o) {
                                SequentialBlock g = new SequentialBlock().add(Linear.builder().setUnits(8).build())
                                        .add(new Twice()).add(Linear.builder().setUnits(spec.sampleSize()).build());
                                SequentialBlock d = new SequentialBlock().add(Linear.builder().setUnits(8).build())
                                        .add(Linear.builder().setUnits(1).build());
                                return new GanNetworks(g, d);
                            }
                        }
                        """,
                "test.plugins.NanLoss", """
                        package test.plugins;
                        import ai.djl.ndarray.NDArray;
                        import org.gan4j.api.loss.AdversarialLoss;
                        import org.gan4j.api.loss.AdversarialLossProvider;
                        import org.gan4j.api.plugin.Options;
                        public final class NanLoss implements AdversarialLossProvider {
                            public String name() { return "nan-from-7"; }
                            public String description() { return "test loss: least squares, NaN from step 7 on"; }
                            public AdversarialLoss create(Options o) {
                                return new AdversarialLoss() {
                                    int calls;
                                    public NDArray discriminatorLoss(NDArray real, NDArray fake) {
                                        return real.sub(1).square().mean().add(fake.square().mean());
                                    }
                                    public NDArray generatorLoss(NDArray fake) {
                                        NDArray loss = fake.sub(1).square().mean();
                                        return ++calls >= 7 ? loss.mul(Float.NaN) : loss;
                                    }
                                };
                            }
                        }
                        """));
        Map<String, List<String>> services = new java.util.HashMap<>(
                Map.of(MODEL, List.of("test.plugins.TwiceMlp"), LOSS, List.of("test.plugins.NanLoss")));
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        TestPluginJars.compile(plugins.resolve("test-plugins.jar"), sources, services, Set.of());

        // The same jar with a converter for Twice that forgets the doubling.
        sources.put("test.plugins.WrongTwice", """
                package test.plugins;
                import ai.djl.nn.Block;
                import java.util.List;
                import org.gan4j.api.export.BlockConverter;
                import org.gan4j.api.export.OnnxGraphBuilder;
                public final class WrongTwice implements BlockConverter {
                    public String name() { return "wrong-twice"; }
                    public String description() { return "test converter: Twice as Identity (wrong)"; }
                    public Class<? extends Block> blockType() { return Twice.class; }
                    public List<String> convert(Block b, List<String> in, OnnxGraphBuilder g) { return in; }
                }
                """);
        services.put(CONVERTER, List.of("test.plugins.WrongTwice"));
        wrongConverter = Files.createDirectories(tmp.resolve("wrong-converter"));
        TestPluginJars.compile(wrongConverter.resolve("test-plugins.jar"), sources, services, Set.of());
    }

    /**
     * The models on the class path: the built-in cdcgan, cgan, dcgan and mlp, and gan-export's test
     * architecture when Maven puts that module's test classes, not its test-jar, on the class path.
     */
    private static String models() {
        return String.join(", ", new java.util.TreeSet<>(
                org.gan4j.core.plugin.PluginCatalog.load(ErrorCatalogTest.class.getClassLoader()).models().names()));
    }

    // ---------------------------------------------------------------- gan train: config files

    static Stream<Arguments> badConfigFiles() {
        String knownKeys = "batchSize, checkpointEvery, dataDir, dataset, device, discriminatorOptimizer,"
                + " discriminatorSteps, emaDecay, epochs, evalEvery, evalSamples, game, generatorOptimizer, keepCheckpoints, latentSize,"
                + " learningRateSchedule, loss, model, onDivergence, regularizers, seed, steps, unrolledSteps";
        return Stream.of(
                // Unknown keys.
                Arguments.of("{\"epoch\": 3}", "{file}: unknown key 'epoch'; known keys: " + knownKeys),
                Arguments.of("{\"generatorOptimizer\": {\"lr\": 3}}",
                        "{file}: unknown key 'lr' in 'generatorOptimizer'; known keys: beta1, beta2, epsilon, learningRate"),
                // Missing (null or empty) keys.
                Arguments.of("{\"model\": null}", "{file}: model is required"),
                Arguments.of("{\"model\": {\"name\": null}}", "{file}: model.name is required"),
                Arguments.of("{\"model\": {\"name\": \"\"}}", "{file}: model.name is required"),
                Arguments.of("{\"regularizers\": [{\"options\": {\"gamma\": \"1\"}}]}",
                        "{file}: regularizers[0].name is required"),
                // Invalid values.
                Arguments.of("{\"generatorOptimizer\": {\"learningRate\": -1}}",
                        "{file}: generatorOptimizer.learningRate must be a positive number, got -1.0"),
                Arguments.of("{\"batchSize\": 0}", "{file}: batchSize must be positive, got 0"),
                Arguments.of("{\"epochs\": 2, \"steps\": 3}",
                        "{file}: set exactly one of epochs and steps to a positive number (got epochs=2, steps=3)"),
                Arguments.of("{\"device\": \"tpu\"}", "{file}: device must be cpu, gpu or gpu:N, got 'tpu'"),
                Arguments.of("{\"onDivergence\": \"panic\"}", "{file}: onDivergence must be stop or rollback, got 'panic'"),
                Arguments.of("{\"emaDecay\": 1}", "{file}: emaDecay must be 0 (off) or in (0, 1), e.g. 0.999, got 1.0"),
                Arguments.of("{\"learningRateSchedule\": \"cosine\"}",
                        "{file}: learningRateSchedule must be constant or linear, got 'cosine'"),
                Arguments.of("{\"model\": {\"name\": \"Big GAN\"}}",
                        "{file}: model.name 'Big GAN' is invalid; plugin names are lower-case letters, digits and '-'"),
                // Wrong JSON types and malformed JSON.
                Arguments.of("{\"batchSize\": \"many\"}",
                        "{file}: bad value for 'batchSize': Cannot deserialize value of type `int` from String \"many\":"
                                + " not a valid `int` value"),
                Arguments.of("{\"batchSize\": null}",
                        "{file}: bad value for 'batchSize': Cannot map `null` into type `int` (set"
                                + " DeserializationConfig.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to"
                                + " allow)"),
                Arguments.of("{\"model\": \"mlp\"}",
                        "{file}: bad value for 'model': Cannot construct instance of `org.gan4j.api.config.PluginChoice`"
                                + " (although at least one Creator exists): no String-argument constructor/factory method"
                                + " to deserialize from String value ('mlp')"),
                Arguments.of("{\"batchSize\": 3",
                        "{file} is not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker"
                                + " at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1,"
                                + " column: 1]) (line 1, column 16)"),
                Arguments.of("[1, 2]", "{file} must hold a JSON object"),
                // Unknown plugins and plugin options: named without the file.
                Arguments.of("{\"model\": {\"name\": \"nope\"}}", "unknown model 'nope'; available: " + models()),
                Arguments.of("{\"loss\": {\"name\": \"wgan\"}}", "unknown loss 'wgan'; available: hinge, least-squares,"
                        + " minimax, non-saturating, relativistic, wasserstein, wgan-gp"),
                Arguments.of("{\"dataset\": {\"name\": \"moons\"}}",
                        "unknown dataset 'moons'; available: fashion-mnist, grid, image-folder, mnist, ring, shapes"),
                Arguments.of("{\"regularizers\": [{\"name\": \"nope\"}]}",
                        "unknown regularizer 'nope'; available: d-weight-decay, instance-noise, r1, wgan-gp"),
                Arguments.of("{\"model\": {\"options\": {\"depth\": \"3\"}}}", "model 'mlp' has no option 'depth'; its"
                        + " options are: g-hidden, d-hidden, g-activation, d-activation, leaky-slope, pack"),
                Arguments.of("{\"model\": {\"options\": {\"g-hidden\": \"abc\"}}}",
                        "model 'mlp' option 'g-hidden' must be comma-separated positive integers, e.g. 128,128, got 'abc'"),
                Arguments.of("{\"regularizers\": [{\"name\": \"r1\", \"options\": {\"gamma\": \"-2\"}}]}",
                        "regularizer 'r1' option 'gamma' must be 0 or positive, got '-2'"),
                Arguments.of("{\"model\": {\"name\": \"dcgan\"}, \"dataset\": {\"name\": \"ring\"}}",
                        "model 'dcgan' needs square images with 1 or 3 channels at 28, 32 or 64 pixels, but the dataset's"
                                + " samples have shape (2); choose an image dataset (shapes, fashion-mnist, mnist,"
                                + " image-folder) and its size option, or the mlp model"));
    }

    private static int configs;

    @ParameterizedTest
    @MethodSource("badConfigFiles")
    void badConfigFiles(String json, String message) throws IOException {
        Path file = Files.writeString(tmp.resolve("config-" + ++configs + ".json"), json);
        Path out = tmp.resolve("never-config");
        assertEquals("gan train: " + message.replace("{file}", "config file " + file),
                failsWith(2, gan("train", "--config", file.toString(), "--out", out.toString())));
        assertFalse(Files.exists(out), "nothing is written for a bad config");
    }

    @Test
    void configFilesThatCannotBeRead() {
        Path missing = tmp.resolve("missing.json");
        assertEquals("gan train: config file " + missing + " does not exist",
                failsWith(2, gan("train", "--config", missing.toString())));
        assertEquals("gan train: cannot read config file " + tmp + ": Is a directory",
                failsWith(2, gan("train", "--config", tmp.toString())));
    }

    @Test
    void aPluginWithoutANameKeepsTheDefaultOne() throws IOException {
        // Not an error: a config file gives any subset of the keys, and a plugin's name is one.
        Path file = Files.writeString(tmp.resolve("no-name.json"), "{\"model\": {\"options\": {\"g-hidden\": \"8\"}}}");
        Path out = tmp.resolve("no-name");
        Result r = gan("train", "--config", file.toString(), "--steps", "2", "--batch-size", "64", "--dataset-opt",
                "samples=640", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String written = Files.readString(out.resolve("config.json"));
        assertTrue(written.contains("\"name\" : \"mlp\"") && written.contains("\"g-hidden\" : \"8\""), written);
    }

    // ---------------------------------------------------------------- gan train: flags

    @Test
    void badTrainFlags() {
        String[][] cases = {
            {"unknown regularizer 'nope'; available: d-weight-decay, instance-noise, r1, wgan-gp", "--regularizer", "nope"},
            {"--regularizer-opt gamma=1: write NAME.KEY=VALUE, e.g. r1.gamma=1", "--regularizer-opt", "gamma=1"},
            {"--beta1: beta1 must be in [0, 1), got 1.5", "--beta1", "1.5"},
            {"--beta2: beta2 must be in [0, 1), got -1.0", "--beta2", "-1"},
            {"invalid setting: device must be cpu, gpu or gpu:N, got 'tpu'", "--device", "tpu"},
            {"invalid setting: onDivergence must be stop or rollback, got 'panic'", "--on-divergence", "panic"},
            {"invalid setting: emaDecay must be 0 (off) or in (0, 1), e.g. 0.999, got 1.0", "--ema", "1"},
            {"invalid setting: learningRateSchedule must be constant or linear, got 'cosine'", "--lr-schedule", "cosine"},
            {"invalid setting: checkpointEvery must be 0 (each epoch's end) or a positive number of steps, got -1",
                "--checkpoint-every", "-1"},
            {"invalid setting: keepCheckpoints must be positive, got 0", "--keep-checkpoints", "0"},
            {"--threads must be at least 1, got 0", "--threads", "0"},
            {"invalid setting: latentSize must be positive, got 0", "--latent-size", "0"},
            {"invalid setting: discriminatorSteps must be 0 (the loss's choice) or positive, got -1", "--d-steps", "-1"},
            {"loss 'non-saturating' option 'label-smoothing' must be in [0, 1), got '2'", "--loss-opt", "label-smoothing=2"},
            {"dataset 'ring' option 'samples' must be a positive integer, got '-5'", "--dataset-opt", "samples=-5"},
            {"dataset 'mnist' option 'split' must be train or test, got 'validation'", "--model", "dcgan", "--dataset",
                "mnist", "--dataset-opt", "split=validation", "--data-dir", "."},
            {"Invalid value for option '--steps': 'abc' is not a long (see 'gan train --help')", "--steps", "abc"},
            {"Value for option option '--model-opt' (KEY=VALUE) should be in KEY=VALUE format but was depth"
                + " (see 'gan train --help')", "--model-opt", "depth"},
            {"Error: --epochs=N, --steps=N are mutually exclusive (specify only one) (see 'gan train --help')",
                "--epochs", "2", "--steps", "3"},
        };
        Path out = tmp.resolve("never-flags");
        for (String[] c : cases) {
            List<String> argv = new ArrayList<>(List.of("train", "--out", out.toString()));
            argv.addAll(List.of(c).subList(1, c.length));
            assertEquals("gan train: " + c[0], failsWith(2, gan(argv.toArray(String[]::new))), String.join(" ", argv));
        }
        assertFalse(Files.exists(out), "nothing is written for bad flags");
    }

    @Test
    void outThatIsAFileOrUnderOne() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals("gan train: --out " + file + " is a file; give a directory",
                failsWith(1, gan("train", "--out", file.toString())));
        Path under = file.resolve("run");
        assertEquals("gan train: cannot create --out " + under + ": Not a directory (" + under
                        + "); choose a writable directory",
                failsWith(1, gan("train", "--out", under.toString())));
    }

    // ---------------------------------------------------------------- gan train --resume

    @Test
    void resumeOfSomethingThatIsNotARunDirectory() throws IOException {
        Path missing = tmp.resolve("no-such-run");
        assertEquals("gan train: --resume " + missing + " does not exist; give the --out of an earlier `gan train`",
                failsWith(2, gan("train", "--resume", missing.toString())));
        Path file = Files.writeString(tmp.resolve("resume-file"), "x");
        assertEquals("gan train: --resume " + file + " is not a directory; give the --out of an earlier `gan train`",
                failsWith(2, gan("train", "--resume", file.toString())));
        assertEquals("gan train: --resume continues " + run + " with its own config.json; drop --ema, --batch-size,"
                        + " --seed, --latent-size, --d-steps or --unrolled-steps, --device, --out or --force (only"
                        + " --epochs, --steps, --checkpoint-every, --keep-checkpoints, --on-divergence and --quiet may"
                        + " be given)",
                failsWith(2, gan("train", "--resume", run.toString(), "--seed", "3", "--out", tmp.resolve("x").toString())));
    }

    /** A copy of the run as if it had stopped at step 40, before its final weights were written. */
    private static Path interrupted(String name) throws IOException {
        Path copy = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(run)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        deleteRecursively(copy.resolve("checkpoints/final"));
        return copy;
    }

    private static long truncateToHalf(Path file) throws IOException {
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size / 2);
        }
        return size;
    }

    @Test
    void aCheckpointTruncatedByHandIsSkippedWithAWarning() throws IOException {
        Path copy = interrupted("truncated");
        Path step40 = copy.resolve("checkpoints/step-0000000040");
        long written = truncateToHalf(step40.resolve("generator.params"));
        Result r = gan("train", "--resume", copy.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("gan train: warning: checkpoint " + step40 + " is damaged: generator.params has "
                + written / 2 + " bytes, " + written + " were written; skipping it"), r.errLines());
        assertTrue(r.out().contains("resuming from " + copy.resolve("checkpoints/step-0000000030") + " at step 30"),
                r.out());
    }

    @Test
    void whenEveryCheckpointIsDamagedTheResumeFails() throws IOException {
        Path copy = interrupted("all-damaged");
        Path c = copy.resolve("checkpoints");
        Files.delete(c.resolve("step-0000000040/state.json"));
        long written = truncateToHalf(c.resolve("step-0000000030/generator.params"));
        Path flipped = c.resolve("step-0000000020/discriminator.params");
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length - 1] ^= 1;
        Files.write(flipped, bytes);
        Result r = gan("train", "--resume", copy.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "gan train: warning: checkpoint " + c.resolve("step-0000000040") + " is damaged: cannot read state.json"
                        + " (NoSuchFileException: " + c.resolve("step-0000000040/state.json") + "); skipping it",
                "gan train: warning: checkpoint " + c.resolve("step-0000000030") + " is damaged: generator.params has "
                        + written / 2 + " bytes, " + written + " were written; skipping it",
                "gan train: warning: checkpoint " + c.resolve("step-0000000020") + " is damaged: discriminator.params"
                        + " does not match its recorded SHA-256; skipping it",
                "gan train: --resume " + copy + " has no whole checkpoint to continue from; all 3 of its checkpoints are"
                        + " damaged (see the warnings above); train it again with --out " + copy + " --force"),
                r.errLines());
    }

    @Test
    void resumeOfCheckpointsWrittenForAnotherArchitecture() throws IOException {
        // config.json edited by hand after the checkpoints were written: a wider generator.
        Path copy = interrupted("other-architecture");
        deleteRecursively(copy.resolve("checkpoints/step-0000000040"));
        Path config = copy.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"g-hidden\" : \"16\"", "\"g-hidden\" : \"32\""));
        assertEquals("gan train: cannot load " + copy.resolve("checkpoints/step-0000000030/generator-adam.ndlist")
                        + ": optimizer state for parameter 0 has shape (16, 8); the parameter has (32, 8); the checkpoint is"
                        + " damaged or belongs to another architecture",
                failsWith(1, gan("train", "--resume", copy.toString())));
    }

    /**
     * A run stopped after its last checkpoint but before its final weights: resume calls it
     * finished, and sample calls it unfinished. This documents the current behaviour, a known gap
     * listed in docs/errors.md.
     */
    @Test
    void aRunStoppedAfterItsLastCheckpointButBeforeItsFinalWeights() throws IOException {
        Path copy = interrupted("last-checkpoint-only");
        assertEquals("gan train: run " + copy + " has already trained 40 of its 40 steps; to train longer, resume with"
                + " a larger --epochs or --steps", failsWith(2, gan("train", "--resume", copy.toString())));
        assertEquals("gan sample: --run " + copy + " has no trained generator (checkpoints/final/generator.params); the"
                + " run did not finish", failsWith(1, gan("sample", "--run", copy.toString(), "--out",
                tmp.resolve("never.npy").toString())));
    }

    @Test
    void truncatedFinalWeightsFailSampleAndExport() throws IOException {
        Path copy = interrupted("truncated-final");
        Files.createDirectories(copy.resolve("checkpoints/final"));
        Path weights = copy.resolve("checkpoints/final/generator.params");
        Files.copy(run.resolve("checkpoints/final/generator.params"), weights);
        truncateToHalf(weights);
        String expected = "cannot load " + weights + ": EOFException; the file is damaged or was written for another"
                + " architecture";
        assertEquals("gan sample: " + expected,
                failsWith(1, gan("sample", "--run", copy.toString(), "--out", tmp.resolve("never.npy").toString())));
        assertEquals("gan export: " + expected,
                failsWith(1, gan("export", "--run", copy.toString(), "--out", tmp.resolve("never.onnx").toString())));
        assertFalse(Files.exists(tmp.resolve("never.npy")));
        assertFalse(Files.exists(tmp.resolve("never.onnx")));
    }

    /**
     * The checkpoints folder turns read-only in the middle of writing a checkpoint: a child JVM in
     * its own mount namespace writes slowly (the pause hook: a second after each file), and once
     * the checkpoint's first file is written the folder is bind-mounted read-only over itself, so
     * the next file fails with the kernel's EROFS. chmod cannot do this: the tests run as root,
     * which ignores permissions. The mounts vanish with the namespace.
     */
    @Test
    void aFolderTurningReadOnlyDuringACheckpointFailsInOneLine() throws Exception {
        assertTrue(canMountInANamespace(), "needs 'unshare -m' and mount (root, Linux), as CI has");
        Path ro = tmp.resolve("read-only");
        Path checkpoints = ro.resolve("checkpoints");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "bash", "-c", """
                "$@" & pid=$!
                while kill -0 $pid 2>/dev/null && [ ! -e "$WAIT_FOR" ]; do sleep 0.01; done
                mount --bind "$FOLDER" "$FOLDER" || echo "bind mount failed" >&2
                # The file may still be open for writing (EBUSY) for a moment; the writer then pauses.
                for i in $(seq 50); do mount -o remount,bind,ro "$FOLDER" 2>/dev/null && break; sleep 0.02; done
                wait $pid
                """, "child", java.toString(), "-Dgan4j.checkpoint.pauseMillis=1000",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error", "-Doffline=true",
                "-cp", System.getProperty("java.class.path"), "org.gan4j.cli.Main"));
        command.addAll(List.of(args(TINY, "train", "--steps", "40", "--checkpoint-every", "10", "--out", ro.toString())));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("FOLDER", checkpoints.toString());
        pb.environment().put("WAIT_FOR", checkpoints.resolve(".writing-step-0000000020/generator.params").toString());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err);
        assertEquals("gan train: cannot write checkpoint " + checkpoints.resolve("step-0000000020") + ": "
                + checkpoints.resolve(".writing-step-0000000020/discriminator.params") + ": Read-only file system;"
                + " the previous checkpoint " + checkpoints.resolve("step-0000000010") + " is intact; free disk space or"
                + " fix the folder's permissions, then 'gan train --resume " + ro + "'", err);
        // The namespace is gone with the child: the folder is writable again, and the run resumes
        // from step 10 to the same weights as the run that was never interrupted.
        Result r = gan("train", "--resume", ro.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming from " + checkpoints.resolve("step-0000000010") + " at step 10"), r.out());
        assertArrayEquals(Files.readAllBytes(run.resolve("checkpoints/final/generator.params")),
                Files.readAllBytes(ro.resolve("checkpoints/final/generator.params")));
        try (Stream<Path> s = Files.list(checkpoints)) {
            assertFalse(s.anyMatch(f -> f.getFileName().toString().startsWith(".writing-")),
                    "the half-written checkpoint is removed");
        }
    }

    private static boolean canMountInANamespace() {
        try {
            Process p = new ProcessBuilder("unshare", "-m", "bash", "-c",
                    "d=$(mktemp -d) && mount --bind \"$d\" \"$d\" && mount -o remount,bind,ro \"$d\"; r=$?; umount \"$d\";"
                            + " rmdir \"$d\"; exit $r")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- gan train: divergence

    @Test
    void divergenceStopsTheRunNamingTheStepAndTheLastGoodCheckpoint() {
        // A learning rate of 1e30 turns the losses into NaN at the first step, before any checkpoint.
        Path lr = tmp.resolve("diverged-lr");
        assertEquals("gan train: training diverged at step 1: the generator loss is NaN; no checkpoint was written"
                        + " before it; lower the learning rates (--lr), try another loss, or train with --on-divergence"
                        + " rollback",
                failsWith(1, gan(args(TINY, "train", "--lr", "1e30", "--steps", "20", "--out", lr.toString()))));

        // A loss that is NaN from step 7 on, with a checkpoint every 2 steps.
        Path stop = tmp.resolve("diverged-stop");
        assertEquals("gan train: training diverged at step 7: the generator loss is NaN; the last good checkpoint is "
                        + stop.resolve("checkpoints/step-0000000006") + " (step 6); lower the learning rates (--lr), try"
                        + " another loss, or train with --on-divergence rollback",
                failsWith(1, gan(args(TINY, "--plugins", plugins.toString(), "train", "--loss", "nan-from-7", "--steps",
                        "12", "--checkpoint-every", "2", "--out", stop.toString()))));

        Path rollback = tmp.resolve("diverged-rollback");
        assertEquals("gan train: training diverged at step 7: the generator loss is NaN; the last good checkpoint is "
                        + rollback.resolve("checkpoints/step-0000000006") + " (step 6); gave up after 3 rollbacks",
                failsWith(1, gan(args(TINY, "--plugins", plugins.toString(), "train", "--loss", "nan-from-7", "--steps",
                        "12", "--checkpoint-every", "2", "--on-divergence", "rollback", "--out", rollback.toString()))));
    }

    // ---------------------------------------------------------------- gan train: data

    /** An IDX file of unsigned bytes: magic 0 0 8 dims, big-endian sizes, then the data. */
    private static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private static Path mnistFolder(String name, byte[] images, byte[] labels) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data").resolve(name));
        Files.write(dir.resolve("train-images-idx3-ubyte"), images);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels);
        return dir;
    }

    private static String trainOn(String dataset, Path dataDir, int code) {
        List<String> argv = new ArrayList<>(List.of("train", "--model", "dcgan", "--dataset", dataset,
                "--out", tmp.resolve("never-data").toString()));
        if (dataDir != null) {
            argv.addAll(List.of("--data-dir", dataDir.toString()));
        }
        String line = failsWith(code, gan(argv.toArray(String[]::new)));
        assertFalse(Files.exists(tmp.resolve("never-data")), "the run directory of a run that never started is removed");
        return line;
    }

    @Test
    void brokenDatasetFiles() throws IOException {
        byte[] images = idx(new int[] {10, 4, 4}, new byte[160]);
        byte[] labels = idx(new int[] {10}, new byte[10]);

        Path truncated = mnistFolder("truncated", java.util.Arrays.copyOf(images, images.length - 60), labels);
        assertEquals("gan train: IDX file " + truncated.resolve("train-images-idx3-ubyte") + ": truncated: expected 160"
                + " data bytes for dimensions [10, 4, 4], found 100; download the file again", trainOn("mnist", truncated, 1));

        Path trailing = mnistFolder("trailing", idx(new int[] {10, 4, 4}, new byte[165]), labels);
        assertEquals("gan train: IDX file " + trailing.resolve("train-images-idx3-ubyte") + ": 5 bytes follow the 160"
                + " data bytes that dimensions [10, 4, 4] describe; the file is corrupt or not one IDX array",
                trainOn("mnist", trailing, 1));

        Path notIdx = mnistFolder("not-idx", "hello, world".getBytes(StandardCharsets.US_ASCII), labels);
        assertEquals("gan train: IDX file " + notIdx.resolve("train-images-idx3-ubyte") + ": not an IDX file: it starts"
                + " with 0x68 0x65, not the two zero bytes of IDX's magic number", trainOn("mnist", notIdx, 1));

        Path count = mnistFolder("count", images, idx(new int[] {9}, new byte[9]));
        assertEquals("gan train: dataset 'mnist': label file " + count.resolve("train-labels-idx1-ubyte") + " holds 9"
                + " labels but image file " + count.resolve("train-images-idx3-ubyte") + " holds 10 images; use the label"
                + " file that belongs to the images", trainOn("mnist", count, 1));

        byte[] badLabel = new byte[10];
        badLabel[1] = 10;
        Path label = mnistFolder("label", images, idx(new int[] {10}, badLabel));
        assertEquals("gan train: IDX file " + label.resolve("train-labels-idx1-ubyte") + ": label 10 of image 1 is out"
                + " of range; mnist has 10 classes, labels 0 to 9", trainOn("mnist", label, 1));

        Path gz = Files.createDirectories(tmp.resolve("data/gz"));
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(zipped)) {
            z.write(images);
        }
        byte[] cut = java.util.Arrays.copyOf(zipped.toByteArray(), zipped.size() / 2);
        Path gzFile = Files.write(gz.resolve("train-images-idx3-ubyte.gz"), cut);
        Files.write(gz.resolve("train-labels-idx1-ubyte"), labels);
        assertEquals("gan train: IDX file " + gzFile + ": corrupt gzip data (Unexpected end of ZLIB input stream);"
                + " download the file again", trainOn("mnist", gz, 1));

        assertEquals("gan train: dataset 'mnist' needs a data directory; MNIST is not packaged; pass --data-dir DIR holding"
                + " its four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte, gzipped or not)", trainOn("mnist", null, 2));

        Path empty = Files.createDirectories(tmp.resolve("data/empty"));
        assertEquals("gan train: dataset 'fashion-mnist': missing " + empty.resolve("train-images-idx3-ubyte") + "(.gz);"
                + " install them with 'apt-get install dataset-fashion-mnist' (into /usr/share/datasets/fashion-mnist),"
                + " or pass --data-dir DIR holding the four IDX files", trainOn("fashion-mnist", empty, 1));
    }

    @Test
    void brokenImageFolders() throws IOException {
        Path noImages = Files.createDirectories(tmp.resolve("data/no-images/cats"));
        assertEquals("gan train: dataset 'image-folder': class folder " + noImages + " has no images; it reads .png,"
                + " .jpg and .jpeg files; add some or remove the folder",
                trainOn("image-folder", noImages.getParent(), 1));
        Path broken = Files.write(Files.createDirectories(tmp.resolve("data/broken/dogs")).resolve("x.png"),
                new byte[] {1, 2, 3});
        assertEquals("gan train: dataset 'image-folder': cannot decode image " + broken + " (not a PNG or JPEG ImageIO"
                + " can read); remove it or convert it", trainOn("image-folder", broken.getParent().getParent(), 1));
        Path missing = tmp.resolve("data/no-such-folder");
        assertEquals("gan train: dataset 'image-folder': there is no folder " + missing + "; pass --data-dir with a"
                + " folder of .png, .jpg and .jpeg images", trainOn("image-folder", missing, 1));
        assertEquals("gan train: dataset 'image-folder' needs a data directory: a folder with one subfolder of images per"
                + " class, or with the images themselves; pass --data-dir DIR", trainOn("image-folder", null, 2));
    }

    // ---------------------------------------------------------------- gan sample

    @Test
    void badSampleRequests() throws IOException {
        Path images = TinyOnnxGenerators.unconditional(3, 1, 2, 2).write(tmp.resolve("images.onnx"));
        Path classes = TinyOnnxGenerators.conditional(4, 3, 1, 2, 2).write(tmp.resolve("classes.onnx"));
        Path vectors = TinyOnnxGenerators.unconditional(3, 3).write(tmp.resolve("vectors.onnx"));
        String npy = tmp.resolve("never.npy").toString();
        assertEquals("gan sample: --n must be positive, got 0",
                failsWith(2, gan("sample", "--onnx", images.toString(), "--n", "0", "--out", npy)));
        assertEquals("gan sample: --label must be 0 or more, got -1",
                failsWith(2, gan("sample", "--onnx", classes.toString(), "--label", "-1", "--out", npy)));
        Path csv = tmp.resolve("never.csv");
        assertEquals("gan sample: --out " + csv + ": CSV holds vector samples, but these have shape [1, 2, 2]; use .npy"
                + " or .png", failsWith(2, gan("sample", "--onnx", images.toString(), "--out", csv.toString())));
        Path png = tmp.resolve("never.png");
        assertEquals("gan sample: --out " + png + ": PNG output draws 2-D points or images, but these samples have shape"
                + " [3]; use .npy", failsWith(2, gan("sample", "--onnx", vectors.toString(), "--out", png.toString())));
        Path noExtension = tmp.resolve("samples");
        assertEquals("gan sample: --out " + noExtension + ": unknown format ''; use .csv, .npy or .png",
                failsWith(2, gan("sample", "--onnx", images.toString(), "--out", noExtension.toString())));
        assertEquals("gan sample: Missing required option: '--out=FILE' (see 'gan sample --help')",
                failsWith(2, gan("sample", "--onnx", images.toString())));

        Path folder = Files.createDirectories(tmp.resolve("folder.npy"));
        String line = failsWith(1, gan("sample", "--onnx", images.toString(), "--out", folder.toString()));
        assertTrue(line.matches("gan sample: cannot write --out " + java.util.regex.Pattern.quote(folder.toString())
                + ": .*\\.tmp -> " + java.util.regex.Pattern.quote(folder.toString()) + ": Is a directory"), line);

        Path missing = tmp.resolve("no-such-run");
        assertEquals("gan sample: --run " + missing + " does not exist; give the --out of a finished `gan train`",
                failsWith(1, gan("sample", "--run", missing.toString(), "--out", npy)));
        assertEquals("gan sample: --run " + images + " is not a directory; give the --out of a finished `gan train`",
                failsWith(1, gan("sample", "--run", images.toString(), "--out", npy)));
        assertFalse(Files.exists(Path.of(npy)));
    }

    // ---------------------------------------------------------------- gan export

    @Test
    void badExportRequests() {
        assertEquals("gan export: Missing required option: '--run=DIR' (see 'gan export --help')",
                failsWith(2, gan("export")));
        Path missing = tmp.resolve("no-such-run");
        assertEquals("gan export: --run " + missing + " does not exist; give the --out of a finished `gan train`",
                failsWith(1, gan("export", "--run", missing.toString())));
        Path samples = run.resolve("samples");
        assertEquals("gan export: --run " + samples + " is not a gan4j run (no config.json and run.json); give the --out"
                + " of a `gan train`", failsWith(1, gan("export", "--run", samples.toString())));
        assertEquals("gan export: --opset 22 is not supported; use 13 to 21 (default 17)",
                failsWith(2, gan("export", "--run", run.toString(), "--opset", "22")));
    }

    @Test
    void aBlockWithoutAConverterOrWithAWrongOne() throws IOException {
        List<String> small = List.of("--model", "twice-mlp", "--steps", "3", "--batch-size", "64", "--dataset-opt",
                "samples=640", "--quiet");
        Path twice = tmp.resolve("twice");
        String noConverter = "no ONNX converter for block test.plugins.Twice (at generator/02Twice); add one: implement"
                + " org.gan4j.api.export.BlockConverter for it, list the class in"
                + " META-INF/services/org.gan4j.api.export.BlockConverter, and put its jar in a plugin folder or on the"
                + " class path";
        // Training succeeds; only the export at its end is skipped, with a warning.
        Result r = gan(args(small, "--plugins", plugins.toString(), "train", "--out", twice.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("gan train: warning: generator.onnx not written: " + noConverter), r.errLines());
        assertFalse(Files.exists(twice.resolve("generator.onnx")));
        assertEquals("gan export: " + noConverter,
                failsWith(1, gan("--plugins", plugins.toString(), "export", "--run", twice.toString())));

        // Without the plugin folder the run's model is unknown.
        assertEquals("gan export: unknown model 'twice-mlp'; available: " + models(),
                failsWith(2, gan("export", "--run", twice.toString())));
        assertEquals("gan sample: unknown model 'twice-mlp'; available: " + models(),
                failsWith(2, gan("sample", "--run", twice.toString(), "--out", tmp.resolve("never.npy").toString())));

        // A converter that computes something else fails ONNX Runtime's check; nothing is written.
        Path wrong = tmp.resolve("wrong.onnx");
        String line = failsWith(1, gan("--plugins", wrongConverter.toString(), "export", "--run", twice.toString(),
                "--out", wrong.toString()));
        assertTrue(line.matches("gan export: export check failed: ONNX Runtime and DJL differ by [0-9.e+-]+ at value \\d+"
                + " of a batch of \\d+ \\(allowed 0\\.0001\\); nothing was written to "
                + java.util.regex.Pattern.quote(wrong.toString()) + "; please report this with the run"), line);
        assertFalse(Files.exists(wrong));
    }

    // ---------------------------------------------------------------- gan, gan plugins

    @Test
    void badCommandLines() {
        assertEquals("gan: Unmatched argument at index 0: 'frobnicate' (see 'gan --help')",
                failsWith(2, gan("frobnicate")));
        assertEquals("gan: Unknown option: '--bogus' (see 'gan --help')", failsWith(2, gan("--bogus")));
        assertEquals("gan plugins: Unknown option: '--bogus' (see 'gan plugins --help')",
                failsWith(2, gan("plugins", "--bogus")));
    }

    @Test
    void pluginJarsThatCannotBeLoadedAreSkippedWithAWarning() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("bad-jars"));
        TestPluginJars.compile(folder.resolve("a-clash.jar"), Map.of("test.plugins.Hinge", """
                package test.plugins;
                import ai.djl.ndarray.NDArray;
                import org.gan4j.api.loss.AdversarialLoss;
                import org.gan4j.api.loss.AdversarialLossProvider;
                import org.gan4j.api.plugin.Options;
                public final class Hinge implements AdversarialLossProvider {
                    public String name() { return "hinge"; }
                    public String description() { return "test loss"; }
                    public AdversarialLoss create(Options o) { throw new UnsupportedOperationException(); }
                }
                """), Map.of(LOSS, List.of("test.plugins.Hinge")), Set.of());
        TestPluginJars.servicesOnly(folder.resolve("b-empty.jar"), Map.of());
        Files.writeString(folder.resolve("c-junk.jar"), "not a zip file");
        Result r = gan("--plugins", folder.toString(), "plugins");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(
                "gan: warning: plugin jar a-clash.jar skipped: its loss 'hinge' has the name of a built-in loss;"
                        + " built-in plugins cannot be replaced, rename it",
                "gan: warning: plugin jar b-empty.jar skipped: it holds no gan4j plugin: it has no META-INF/services"
                        + " file for one of gan-api's plugin interfaces",
                "gan: warning: plugin jar c-junk.jar skipped: not a readable jar file (ZipException: zip END header not"
                        + " found)"),
                r.errLines());
    }

    private static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
