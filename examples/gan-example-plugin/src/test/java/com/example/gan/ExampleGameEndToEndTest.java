package com.example.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.example.gan.ChildGan.Result;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.Network;
import org.gan4j.api.plugin.Options;
import org.gan4j.core.io.NpyFiles;
import org.gan4j.onnx.GeneratorMetadata;
import org.gan4j.onnx.OnnxGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's game, {@code aux-head}, as a user meets it: from the plugin folder, with nothing
 * of it in gan4j, {@code gan train --game aux-head} trains it with checkpoints of both networks and
 * both optimizers and the run's report, metrics and health files; {@code gan export} writes and
 * checks its conditional generator; a training JVM killed with SIGKILL resumes to the weights of an
 * uninterrupted run, byte for byte; and the trained networks do what AC-GAN trains them to.
 */
class ExampleGameEndToEndTest {

    /** The spiral's turns in these runs: half a turn makes 3 arms that 400 steps learn to tell apart. */
    private static final double TURNS = 0.5;

    /**
     * 400 steps on a 3-armed spiral with 2 discriminator updates a step (so 2 real batches a step,
     * 100 steps an epoch), a checkpoint every 50 steps.
     */
    private static final List<String> RUN = List.of("train", "--game", "aux-head", "--game-opt", "hidden=32",
            "--dataset", "spiral", "--dataset-opt", "arms=3", "--dataset-opt", "turns=" + TURNS,
            "--dataset-opt", "samples=12800", "--batch-size", "64", "--d-steps", "2", "--steps", "400",
            "--checkpoint-every", "50", "--quiet");
    private static final List<String> ARMS = List.of("arm-0", "arm-1", "arm-2");

    @TempDir static Path tmp;
    static ChildGan gan;
    static Path plugins;
    /** The uninterrupted run. */
    static Path reference;

    @BeforeAll
    static void trainUninterrupted() throws Exception {
        gan = new ChildGan(tmp);
        plugins = gan.pluginFolder("plugins");
        reference = tmp.resolve("reference");
        Result r = gan.run(args(RUN, "--out", reference.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    /** --plugins DIR, then a command's arguments, then more. */
    private static String[] args(List<String> command, String... more) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(command);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static List<String> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunHoldsEveryNetworkAndOptimizerAndItsRunFiles() throws Exception {
        assertTrue(entries(reference).containsAll(List.of("config.json", "run.json", "report.html", "metrics.csv",
                "health.csv", "generator.onnx", "checkpoints")), entries(reference).toString());
        Path checkpoints = reference.resolve("checkpoints");
        assertEquals(List.of("final", "step-0000000300", "step-0000000350", "step-0000000400"), entries(checkpoints));
        // Both networks and both optimizers; no game state, as the game keeps none.
        assertEquals(List.of("config.json", "discriminator-adam.ndlist", "discriminator.params",
                "generator-adam.ndlist", "generator.params", "state.json"), entries(checkpoints.resolve("step-0000000400")));
        assertEquals(List.of("discriminator.params", "generator.params"), entries(checkpoints.resolve("final")));
        String state = Files.readString(checkpoints.resolve("step-0000000400/state.json"));
        assertTrue(state.matches("(?s).*\"optimizers\" : \\{\\s*\"generator\" : 400,\\s*\"discriminator\" : 800\\s*}.*"),
                "one generator update and 2 discriminator updates a step: " + state);

        String config = Files.readString(reference.resolve("config.json"));
        assertTrue(config.matches("(?s).*\"game\" : \\{\\s*\"name\" : \"aux-head\",\\s*\"options\" : \\{\\s*"
                + "\"aux-on-fakes\" : \"false\",\\s*\"aux-weight\" : \"1\",\\s*\"hidden\" : \"32\"\\s*}.*"), config);
        String run = Files.readString(reference.resolve("run.json"));
        assertTrue(run.contains("\"classNames\" : [ \"arm-0\", \"arm-1\", \"arm-2\" ]"), run);
        assertTrue(run.contains("\"game\" : \"aux-head\""), run);

        // metrics.csv: a row an epoch with both updates' mean losses.
        List<String> metrics = Files.readAllLines(reference.resolve("metrics.csv"));
        assertTrue(metrics.get(0).startsWith("epoch,step,d_loss,g_loss,"), metrics.get(0));
        assertEquals(List.of("1,100", "2,200", "3,300", "4,400"),
                metrics.subList(1, metrics.size()).stream().map(l -> l.split(",")[0] + "," + l.split(",")[1]).toList());
        // health.csv: the pair the game declared, measured at steps 1-10 and every 10th.
        List<String> health = Files.readAllLines(reference.resolve("health.csv"));
        List<String> columns = List.of(health.get(0).split(","));
        assertEquals(List.of("step", "epoch", "d_loss", "g_loss", "d_real_accuracy", "d_fake_accuracy", "real_score",
                "fake_score", "g_grad_norm", "d_grad_norm"), columns.subList(0, 10));
        assertEquals(10 + 39, health.size() - 1);
        for (String row : health.subList(1, health.size())) {
            double accuracy = Double.parseDouble(row.split(",")[columns.indexOf("d_real_accuracy")]);
            assertTrue(accuracy >= 0 && accuracy <= 1, row);
        }
        String report = Files.readString(reference.resolve("report.html"));
        assertTrue(report.contains("d_loss") || report.contains("D loss"), "the report charts the losses");
    }

    /**
     * The export, and the samples it and the run draw: the same, and each class on its own arm. A
     * generator that ignored its label (as with {@code --game-opt aux-weight=0}: 27% to 43% in
     * this run) would put about a third of each class on each arm; this one puts 83% to 86% on
     * its own.
     */
    @Test
    void exportsTheConditionalGeneratorAndBothDrawEachClassOnItsOwnArm() throws Exception {
        Path onnx = tmp.resolve("aux-head.onnx");
        Result export = gan.run(args(List.of("export", "--run", reference.toString(), "--out", onnx.toString())));
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().startsWith("wrote " + onnx + " ("), export.out());
        assertTrue(export.out().contains("; ONNX Runtime matches DJL on "), export.out());

        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        List<ValueInfoProto> inputs = model.getGraph().getInputList();
        assertEquals(List.of("z", "label"), inputs.stream().map(ValueInfoProto::getName).toList());
        assertEquals(TensorProto.DataType.INT64.getNumber(), inputs.get(1).getType().getTensorType().getElemType());
        Set<String> ops = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toSet());
        // The plugin's OneHotConcat (Gather, Concat), gan4j's Linear (Gemm) and DJL's LeakyReLU.
        assertTrue(ops.containsAll(Set.of("Gather", "Concat", "Gemm", "LeakyRelu")), ops.toString());
        GeneratorMetadata md;
        try (OnnxGenerator g = OnnxGenerator.open(onnx)) {
            md = g.metadata();
        }
        assertEquals(3, md.numClasses());
        assertEquals(ARMS, md.classNames());
        assertEquals(8, md.latentSize());
        assertEquals("spiral", md.provenance().get("dataset"));

        // The same samples from the file (no plugin needed) and from the run, classes cycling 0, 1, 2.
        Path fromOnnx = tmp.resolve("onnx.npy");
        Result a = gan.run("sample", "--onnx", onnx.toString(), "--n", "900", "--seed", "7", "--out", fromOnnx.toString());
        assertEquals(0, a.code(), a.err());
        Path fromRun = tmp.resolve("run.npy");
        Result b = gan.run(args(List.of("sample", "--run", reference.toString(), "--n", "900", "--seed", "7",
                "--out", fromRun.toString())));
        assertEquals(0, b.code(), b.err());
        float[] x = NpyFiles.read(fromOnnx).values();
        float[] y = NpyFiles.read(fromRun).values();
        assertEquals(1800, x.length);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Float.isFinite(x[i]) && Math.abs(x[i] - y[i]) <= 1e-4, "value " + i + ": " + x[i] + " vs " + y[i]);
        }
        int[] own = new int[3];
        for (int j = 0; j < 900; j++) {
            if (nearestArm(y[2 * j], y[2 * j + 1]) == j % 3) {
                own[j % 3]++;
            }
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(own[k] > 0.7 * 300, "class " + k + ": " + own[k] + " of 300 samples nearest its arm");
        }
    }

    /** The arm of the noise-free 3-armed spiral nearest a point, from 2,001 points along each. */
    private static int nearestArm(double px, double py) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i <= 2000; i++) {
                double t = i / 2000.0;
                double angle = 2 * Math.PI * (TURNS * t + k / 3.0);
                double d = Math.hypot(px - t * Math.cos(angle), py - t * Math.sin(angle));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
        }
        return best;
    }

    /**
     * The auxiliary head against fresh real points of the spiral: it classifies them by their arm,
     * as it was trained to on the dataset's labels. A head trained on other labels would score
     * about a third.
     */
    @Test
    void theAuxiliaryHeadClassifiesRealPointsByTheirArm() throws Exception {
        TrainConfig config = TrainConfig.builder().game(new PluginChoice("aux-head", Map.of("hidden", "32")))
                .dataset(PluginChoice.of("spiral")).batchSize(64).build();
        Game game = new AuxiliaryHeadGameProvider().create(TestGameSetup.of(config, TestGameSetup.THREE_ARMS));
        Network d = game.networks().get(1);
        SpiralDataset spiral = new SpiralDataset();
        Options options = Options.resolve("dataset", spiral, Map.of("arms", "3", "turns", "" + TURNS, "samples", "3000"));
        try (NDManager m = NDManager.newBaseManager();
                GanDataset data = spiral.open(new DatasetRequest(null, 99, options))) {
            Block discriminator = d.factory().get();
            discriminator.initialize(m, DataType.FLOAT32, d.inputShapes().toArray(Shape[]::new));
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(reference.resolve("checkpoints/final/discriminator.params"))))) {
                discriminator.loadParameters(m, in);
            }
            SampleBatch real = data.epoch(0, 3000).next();
            int[] predicted = classify(discriminator, m, real.values());
            int right = 0;
            for (int i = 0; i < 3000; i++) {
                right += predicted[i] == real.labels()[i] ? 1 : 0;
            }
            assertTrue(right > 0.7 * 3000, "real points classified by their arm: " + right + " of 3000");
        }
    }

    /** The auxiliary head's class for each point. */
    private static int[] classify(Block discriminator, NDManager m, float[] points) {
        try (NDManager scratch = m.newSubManager()) {
            NDArray x = scratch.create(points, new Shape(points.length / 2, 2));
            NDArray out = discriminator.forward(new ParameterStore(scratch, false), new NDList(x), false).singletonOrThrow();
            return AuxiliaryHeadGame.heads(out).classLogits().argMax(1).toType(DataType.INT32, false).toIntArray();
        }
    }

    @Test
    void aTrainingKilledMidRunResumesToTheUninterruptedRunsWeights() throws Exception {
        Path run = tmp.resolve("killed");
        // Checkpoint writes pause after each file (gan4j's fault-injection hook), so the run is
        // still training when its first checkpoint is whole.
        Process child = gan.start(List.of("-Dgan4j.checkpoint.pauseMillis=100"), Map.of(),
                tmp.resolve("killed.out"), tmp.resolve("killed.err"), List.of(args(RUN, "--out", run.toString())));
        Path first = run.resolve("checkpoints/step-0000000050");
        for (int i = 0; i < 6000 && child.isAlive() && !Files.isDirectory(first); i++) {
            Thread.sleep(10);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL: " + Files.readString(tmp.resolve("killed.err")));
        assertTrue(Files.isDirectory(first), "the run had written its first checkpoint");
        assertFalse(Files.exists(run.resolve("checkpoints/final")), "the run had not finished");

        Result resumed = gan.run("--plugins", plugins.toString(), "train", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().matches("(?s).*resuming from " + Pattern.quote(run.resolve("checkpoints") + "/step-") + "0+(\\d+) at step"
                + " \\1 of 400.*"), resumed.out());
        List<String> files = entries(reference.resolve("checkpoints/final"));
        assertEquals(files, entries(run.resolve("checkpoints/final")));
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(reference.resolve("checkpoints/final").resolve(file)),
                    Files.readAllBytes(run.resolve("checkpoints/final").resolve(file)),
                    file + " differs from the uninterrupted run's");
        }
        for (String file : entries(reference.resolve("checkpoints/step-0000000400"))) {
            if (!file.equals("state.json") && !file.equals("config.json")) {
                assertArrayEquals(Files.readAllBytes(reference.resolve("checkpoints/step-0000000400").resolve(file)),
                        Files.readAllBytes(run.resolve("checkpoints/step-0000000400").resolve(file)), file);
            }
        }
        // The health monitor's figures, measured every 10 steps, follow the same path too.
        assertEquals(Files.readString(reference.resolve("health.csv")), Files.readString(run.resolve("health.csv")));
    }
}
