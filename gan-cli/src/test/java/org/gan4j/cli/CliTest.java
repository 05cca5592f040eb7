package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.core.io.NpyFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    /** The captured result of one {@code gan} invocation. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result gan(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // No GAN4J_PLUGINS from the developer's shell: the environment is empty.
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), java.util.Map.of());
        return new Result(code, out.toString(), err.toString());
    }

    /** Asserts a failure with one line on standard error, and returns that line. */
    static String failsWith(int code, Result r) {
        assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        assertEquals(1, r.errLines().size(), "one line on stderr: " + r.err());
        return r.errLines().get(0);
    }

    @TempDir static Path tmp;
    static Path run;

    @BeforeAll
    static void trainATinyRun() {
        run = tmp.resolve("run");
        Result r =
                gan("train", "--steps", "30", "--batch-size", "64", "--dataset-opt", "samples=640",
                        "--model-opt", "g-hidden=16", "--model-opt", "d-hidden=16", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training mlp on ring with the non-saturating loss: 30 steps"), r.out());
        assertTrue(r.out().contains("done: 30 steps"), r.out());
    }

    @Test
    void pluginsListsEveryBuiltInWithKindOriginAndDescription() {
        Result r = gan("plugins");
        assertEquals(0, r.code());
        assertEquals("", r.err());
        String[][] rows = {
            {"model", "mlp", "MLP GAN"},
            {"model", "dcgan", "DCGAN (Radford et al. 2015)"},
            {"model", "cdcgan", "conditional DCGAN"},
            {"model", "cgan", "conditional GAN (Mirza and Osindero 2014)"},
            {"loss", "minimax", "original minimax GAN loss"},
            {"loss", "non-saturating", "non-saturating GAN loss"},
            {"loss", "wasserstein", "Wasserstein GAN"},
            {"loss", "wgan-gp", "WGAN-GP"},
            {"loss", "least-squares", "least-squares GAN"},
            {"loss", "hinge", "hinge loss"},
            {"loss", "relativistic", "relativistic average GAN"},
            {"dataset", "ring", "8 Gaussians on the unit circle"},
            {"dataset", "grid", "25 Gaussians on the grid"},
            {"dataset", "fashion-mnist", "Fashion-MNIST"},
            {"dataset", "mnist", "MNIST"},
            {"dataset", "image-folder", ""},
            {"dataset", "shapes", "generated shapes in 6 classes"},
            {"regularizer", "wgan-gp", "WGAN-GP gradient penalty"},
            {"regularizer", "r1", "R1 gradient penalty"},
            {"regularizer", "instance-noise", "Gaussian noise on discriminator inputs"},
            {"regularizer", "d-weight-decay", "L2 penalty on the discriminator's weights"}};
        for (String[] row : rows) {
            // Columns: kind, name, origin, description, each padded to its longest entry.
            String pattern = "  " + row[0] + " +" + java.util.regex.Pattern.quote(row[1]) + " +built-in  "
                    + java.util.regex.Pattern.quote(row[2]) + ".*";
            assertTrue(r.out().lines().anyMatch(l -> l.matches(pattern)), "missing " + pattern + " in\n" + r.out());
        }
        assertFalse(r.out().contains("plugin folder"), "no folder, no summary line");
    }

    @Test
    void unknownPluginNamesListTheAvailableOnesAndWriteNothing() {
        Path out = tmp.resolve("never");
        assertEquals("gan train: unknown model 'nope'; available: cdcgan, cgan, dcgan, mlp",
                failsWith(2, gan("train", "--model", "nope", "--out", out.toString())));
        assertEquals("gan train: unknown loss 'wgan'; available: hinge, least-squares, minimax, non-saturating, relativistic, wasserstein, wgan-gp",
                failsWith(2, gan("train", "--loss", "wgan", "--out", out.toString())));
        assertEquals("gan train: unknown dataset 'moons'; available: fashion-mnist, grid, image-folder, mnist, ring, shapes",
                failsWith(2, gan("train", "--dataset", "moons", "--out", out.toString())));
        assertEquals("gan train: --model: name 'Big GAN' is invalid; plugin names are lower-case letters, digits and '-'",
                failsWith(2, gan("train", "--model", "Big GAN", "--out", out.toString())));
        assertFalse(Files.exists(out), "nothing is written for bad input");
    }

    @Test
    void invalidValuesNameTheFlagAndTheRule() {
        assertEquals("gan train: --lr: learningRate must be a positive number, got -0.1",
                failsWith(2, gan("train", "--lr", "-0.1")));
        assertEquals("gan train: --d-lr: learningRate must be a positive number, got 0.0",
                failsWith(2, gan("train", "--d-lr", "0")));
        assertEquals("gan train: invalid setting: batchSize must be positive, got -4",
                failsWith(2, gan("train", "--batch-size", "-4")));
        assertEquals("gan train: model 'mlp' has no option 'depth'; its options are: g-hidden, d-hidden, g-activation, d-activation, leaky-slope, pack",
                failsWith(2, gan("train", "--model-opt", "depth=3")));
        assertEquals("gan train: Unknown option: '--bogus' (see 'gan train --help')",
                failsWith(2, gan("train", "--bogus")));
        assertTrue(failsWith(2, gan("train", "--epochs", "2", "--steps", "3")).startsWith("gan train: Error: --epochs=N, --steps=N are mutually exclusive"));
    }

    @Test
    void badConfigFilesAreReportedInOneLine() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("bad.json"), "{\"generatorOptimizer\": {\"learningRate\": -1}}");
        assertEquals("gan train: config file " + cfg + ": generatorOptimizer.learningRate must be a positive number, got -1.0",
                failsWith(2, gan("train", "--config", cfg.toString())));
        Path unknown = Files.writeString(tmp.resolve("unknown.json"), "{\"epoch\": 3}");
        assertTrue(failsWith(2, gan("train", "--config", unknown.toString()))
                .startsWith("gan train: config file " + unknown + ": unknown key 'epoch'; known keys: "));
    }

    @Test
    void unwritableOrExistingOutIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String line = failsWith(1, gan("train", "--out", file.resolve("run").toString()));
        assertTrue(line.startsWith("gan train: cannot create --out " + file.resolve("run")), line);
        assertTrue(line.endsWith("; choose a writable directory"), line);
        assertEquals("gan train: --out " + run + " already exists and is not empty; choose another --out or add --force",
                failsWith(1, gan("train", "--out", run.toString())));
    }

    @Test
    void configFileAndFlagsCombine() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("good.json"),
                "{\"steps\": 8, \"batchSize\": 32, \"dataset\": {\"name\": \"grid\", \"options\": {\"samples\": \"320\"}},"
                        + " \"model\": {\"options\": {\"g-hidden\": \"8\", \"d-hidden\": \"8\"}}}");
        Path out = tmp.resolve("from-config");
        Result r = gan("train", "--config", cfg.toString(), "--seed", "9", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        String written = Files.readString(out.resolve("config.json"));
        assertTrue(written.contains("\"name\" : \"grid\""), written);
        assertTrue(written.contains("\"seed\" : 9"), written);
        assertTrue(written.contains("\"steps\" : 8"), written);
        assertFalse(r.out().contains("epoch 1/"), "quiet prints only the final figures");
        assertTrue(r.out().startsWith("done: 8 steps"), r.out());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "minimax, ", "non-saturating, r1", "wasserstein, ", "wgan-gp, instance-noise", "least-squares, d-weight-decay",
        "hinge, wgan-gp", "relativistic, "
    })
    void everyLossAndRegularizerTrainsFromTheCommandLineAndFromAConfigFile(String loss, String regularizer)
            throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(List.of(
                "train", "--dataset", "grid", "--loss", loss, "--steps", "6", "--batch-size", "32",
                "--dataset-opt", "samples=320", "--model-opt", "g-hidden=8", "--model-opt", "d-hidden=8", "--quiet"));
        if (regularizer != null) {
            args.addAll(List.of("--regularizer", regularizer));
        }
        Path out = tmp.resolve("flags-" + loss);
        args.addAll(List.of("--out", out.toString()));
        Result r = gan(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("done: 6 steps"), r.out());
        String written = Files.readString(out.resolve("config.json"));
        int dSteps = loss.startsWith("w") ? 5 : 1;
        assertTrue(written.contains("\"discriminatorSteps\" : " + dSteps), written);

        // The run's own config.json, given back as a config file, trains the same run.
        Path again = tmp.resolve("config-" + loss);
        Result r2 = gan("train", "--config", out.resolve("config.json").toString(), "--out", again.toString(), "--quiet");
        assertEquals(0, r2.code(), r2.err());
        assertArrayEquals(
                Files.readAllBytes(out.resolve("checkpoints/final/generator.params")),
                Files.readAllBytes(again.resolve("checkpoints/final/generator.params")),
                "the same config reproduces the same weights");
    }

    @Test
    void unrolledTrainingRuns() throws Exception {
        Path out = tmp.resolve("unrolled");
        Result r = gan("train", "--unrolled-steps", "3", "--steps", "5", "--batch-size", "32", "--dataset-opt", "samples=320",
                "--model-opt", "g-hidden=8", "--model-opt", "d-hidden=8", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("config.json")).contains("\"unrolledSteps\" : 3"));
        assertEquals("gan train: invalid setting: unrolledSteps must be 0 (off) or positive, got -1",
                failsWith(2, gan("train", "--unrolled-steps", "-1")));
    }

    @Test
    void regularizerOptionsNeedTheRegularizer() {
        assertEquals("gan train: --regularizer-opt r1.gamma: regularizer 'r1' is not in the run; add --regularizer r1",
                failsWith(2, gan("train", "--regularizer-opt", "r1.gamma=1")));
        assertEquals("gan train: regularizer 'r1' option 'gamma' must be 0 or positive, got '-2'",
                failsWith(2, gan("train", "--regularizer", "r1", "--regularizer-opt", "r1.gamma=-2", "--steps", "1",
                        "--out", tmp.resolve("r1bad").toString())));
        assertFalse(Files.exists(tmp.resolve("r1bad")), "nothing is written for bad input");
        // Found only once the dataset is open: the new run directory is removed again.
        Path big = tmp.resolve("too-big");
        assertEquals("gan train: dataset 'ring' has 320 samples an epoch, too few for one step of 1 batch(es) of 512; lower --batch-size",
                failsWith(2, gan("train", "--batch-size", "512", "--dataset-opt", "samples=320", "--out", big.toString())));
        assertFalse(Files.exists(big), "the run directory of a run that never started is removed");
    }

    @Test
    void sampleWritesCsvNpyAndPng() throws Exception {
        Path csv = tmp.resolve("s.csv");
        assertEquals(0, gan("sample", "--run", run.toString(), "--n", "5", "--seed", "1", "--out", csv.toString()).code());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("x0,x1", rows.get(0));
        assertEquals(6, rows.size());

        Path npy = tmp.resolve("s.npy");
        assertEquals(0, gan("sample", "--run", run.toString(), "--n", "5", "--seed", "1", "--out", npy.toString()).code());
        byte[] bytes = Files.readAllBytes(npy);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(10 + headerLength + 5 * 2 * 4, bytes.length, "header, then 5 x 2 float32 values");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (5, 2)"), header);
        assertEquals(0, (10 + headerLength) % 64, "header is padded to 64 bytes");
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, 40).order(ByteOrder.LITTLE_ENDIAN);
        String[] first = rows.get(1).split(",");
        assertEquals(Float.parseFloat(first[0]), data.getFloat(), 1e-5, "npy and csv hold the same samples");
        assertEquals(Float.parseFloat(first[1]), data.getFloat(), 1e-5);

        Path png = tmp.resolve("s.png");
        Result r = gan("sample", "--run", run.toString(), "--n", "100", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(Files.readAllBytes(png), 4));
        assertEquals("wrote 100 samples to " + png, r.out().strip());
    }

    @Test
    void sampleFromARunTakesLatentVectorsFromAFileAndWalksBetweenThem() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"latentSize\" ?: ?(\\d+)")
                .matcher(Files.readString(run.resolve("run.json")));
        assertTrue(m.find(), "run.json names the latent size");
        int latent = Integer.parseInt(m.group(1));

        // The seeded noise of `gan sample --seed 3`, written to a file, gives the same samples.
        Path seeded = tmp.resolve("seeded.npy");
        assertEquals(0, gan("sample", "--run", run.toString(), "--n", "5", "--seed", "3", "--out", seeded.toString()).code());
        Path z = tmp.resolve("z.npy");
        NpyFiles.writeFloat32(z, org.gan4j.core.run.SampleInputs.noise(3, 5, latent), 5, latent);
        Path fromFile = tmp.resolve("from-file.npy");
        Result r = gan("sample", "--run", run.toString(), "--latent", z.toString(), "--out", fromFile.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote 5 samples to " + fromFile, r.out().strip());
        float[] expected = NpyFiles.read(seeded).values();
        assertArrayEquals(expected, NpyFiles.read(fromFile).values());

        // Walk 0 runs from noise row 0 to noise row 1 of the same seed.
        Path walks = tmp.resolve("walks.npy");
        r = gan("sample", "--run", run.toString(), "--interpolate", "4", "--n", "2", "--seed", "3", "--out", walks.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote 2 walks of 4 points (8 samples) to " + walks, r.out().strip());
        org.gan4j.core.io.NpyArray w = NpyFiles.read(walks);
        assertArrayEquals(new long[] {8, 2}, w.shape());
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 0, 2), java.util.Arrays.copyOfRange(w.values(), 0, 2));
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 2, 4), java.util.Arrays.copyOfRange(w.values(), 6, 8));

        Path wrong = tmp.resolve("wrong.npy");
        NpyFiles.writeFloat32(wrong, new float[5 * (latent + 1)], 5, latent + 1);
        assertEquals("gan sample: --latent " + wrong + " has shape (5, " + (latent + 1) + "); this generator needs (N, "
                        + latent + "): N >= 1 latent vectors of length " + latent,
                failsWith(2, gan("sample", "--run", run.toString(), "--latent", wrong.toString(), "--out",
                        tmp.resolve("never.npy").toString())));
    }

    @Test
    void sampleRejectsBadInput() {
        assertEquals("gan sample: --out x.txt: unknown format 'txt'; use .csv, .npy or .png",
                failsWith(2, gan("sample", "--run", run.toString(), "--out", "x.txt")));
        assertEquals("gan sample: --label is for conditional models; this model is unconditional",
                failsWith(2, gan("sample", "--run", run.toString(), "--label", "3", "--out", tmp.resolve("l.csv").toString())));
        assertEquals("gan sample: --run " + tmp + " is not a gan4j run (no config.json and run.json); give the --out of a `gan train`",
                failsWith(1, gan("sample", "--run", tmp.toString(), "--out", tmp.resolve("x.csv").toString())));
        assertEquals("gan sample: Error: Missing required argument (specify one of these): (--run=DIR | --onnx=FILE)"
                        + " (see 'gan sample --help')",
                failsWith(2, gan("sample", "--out", "x.csv")));
    }

    @Test
    void imageModelsTakeTheirRecipeUnlessTheFlagsSayOtherwise() throws Exception {
        Path out = tmp.resolve("dcgan");
        Result r = gan("train", "--model", "dcgan", "--model-opt", "width=0.125", "--steps", "2", "--batch-size", "16",
                "--dataset-opt", "samples=64", "--dataset-opt", "size=28", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        String written = Files.readString(out.resolve("config.json"));
        // DCGAN's recipe: the shapes dataset, latent 100, Adam 2e-4 with beta1 0.5, constant rate;
        // the batch size is the flag's.
        assertTrue(written.contains("\"name\" : \"shapes\""), written);
        assertTrue(written.contains("\"latentSize\" : 100"), written);
        assertTrue(written.contains("\"learningRate\" : 2.0E-4"), written);
        assertTrue(written.contains("\"learningRateSchedule\" : \"constant\""), written);
        assertTrue(written.contains("\"batchSize\" : 16"), written);
        assertTrue(Files.exists(out.resolve("samples/epoch-001.png")));

        Path faster = tmp.resolve("dcgan-lr");
        Result r2 = gan("train", "--model", "dcgan", "--model-opt", "width=0.125", "--steps", "1", "--batch-size", "16",
                "--dataset-opt", "samples=64", "--lr", "1e-3", "--out", faster.toString(), "--quiet");
        assertEquals(0, r2.code(), r2.err());
        assertTrue(Files.readString(faster.resolve("config.json")).contains("\"learningRate\" : 0.001"));
    }

    @Test
    void conditionalRunsSampleOneClassOrOneRowPerClass() throws Exception {
        Path out = tmp.resolve("cdcgan");
        Result r = gan("train", "--model", "cdcgan", "--model-opt", "width=0.125", "--steps", "2", "--batch-size", "16",
                "--dataset-opt", "samples=96", "--dataset-opt", "size=28", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("class accuracy"), r.out());
        int classes = Files.readString(out.resolve("run.json")).split("\"classNames\"")[1].split("]")[0].split(",").length;

        Path rows = tmp.resolve("rows.png");
        assertEquals(0, gan("sample", "--run", out.toString(), "--n", String.valueOf(2 * classes), "--out", rows.toString()).code());
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(rows.toFile());
        // One row per class, two columns; 28-pixel images at 2x with 2-pixel gaps.
        assertEquals(2 + classes * (56 + 2), grid.getHeight());
        assertEquals(2 + 2 * (56 + 2), grid.getWidth());

        Path walks = tmp.resolve("class-walks.png");
        assertEquals(0, gan("sample", "--run", out.toString(), "--interpolate", "3", "--n", "2", "--out", walks.toString()).code());
        java.awt.image.BufferedImage walkGrid = javax.imageio.ImageIO.read(walks.toFile());
        assertEquals(2 + 2 * (56 + 2), walkGrid.getHeight(), "one row per walk");
        assertEquals(2 + 3 * (56 + 2), walkGrid.getWidth(), "3 points a walk");

        Path one = tmp.resolve("one.npy");
        assertEquals(0, gan("sample", "--run", out.toString(), "--label", "1", "--n", "3", "--out", one.toString()).code());
        assertEquals("gan sample: --label " + classes + " is out of range; this model has classes 0 to " + (classes - 1),
                failsWith(2, gan("sample", "--run", out.toString(), "--label", String.valueOf(classes), "--out",
                        tmp.resolve("x.npy").toString())));
        assertEquals("gan sample: --label is for conditional models; this model is unconditional",
                failsWith(2, gan("sample", "--run", run.toString(), "--label", "0", "--out", tmp.resolve("y.npy").toString())));
    }

    @Test
    void aConditionalModelOnUnlabelledDataIsRefusedAndLeavesNothing() {
        Path out = tmp.resolve("cgan-ring");
        assertEquals("gan train: model 'cgan' is conditional but dataset 'ring' has no labels; choose a labelled dataset"
                        + " (e.g. shapes, fashion-mnist) or an unconditional model",
                failsWith(2, gan("train", "--model", "cgan", "--dataset", "ring", "--out", out.toString())));
        assertFalse(Files.exists(out));
    }

    /** An IDX file: magic 0 0 8 dims, big-endian sizes, then the bytes. */
    private static byte[] idx(int[] dims, int dataBytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    @Test
    void brokenImageDataIsReportedInOneLineNamingTheFile() throws Exception {
        Path mnist = Files.createDirectories(tmp.resolve("mnist"));
        // 10 images of 4x4 announced, 100 of the 160 pixel bytes present: truncated.
        byte[] images = idx(new int[] {10, 4, 4}, 160);
        Path imageFile = Files.write(mnist.resolve("train-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length - 60));
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), idx(new int[] {10}, 10));
        String truncated = failsWith(1, gan("train", "--model", "dcgan", "--dataset", "mnist", "--data-dir", mnist.toString(),
                "--out", tmp.resolve("m1").toString()));
        assertTrue(truncated.contains(imageFile.toString()) && truncated.contains("truncated"), truncated);

        Files.write(imageFile, images);
        Path labelFile = Files.write(mnist.resolve("train-labels-idx1-ubyte"), idx(new int[] {9}, 9));
        String count = failsWith(1, gan("train", "--model", "dcgan", "--dataset", "mnist", "--data-dir", mnist.toString(),
                "--out", tmp.resolve("m2").toString()));
        assertTrue(count.contains(labelFile.toString()) && count.contains("9 labels") && count.contains("10 images"), count);

        Path empty = Files.createDirectories(tmp.resolve("no-images/cats"));
        String none = failsWith(1, gan("train", "--model", "dcgan", "--dataset", "image-folder", "--data-dir",
                empty.getParent().toString(), "--out", tmp.resolve("m3").toString()));
        assertTrue(none.contains(empty.getParent().toString()) && none.contains("no images"), none);

        Path broken = Files.write(Files.createDirectories(tmp.resolve("broken/dogs")).resolve("x.png"), new byte[] {1, 2, 3});
        String undecodable = failsWith(1, gan("train", "--model", "dcgan", "--dataset", "image-folder", "--data-dir",
                broken.getParent().getParent().toString(), "--out", tmp.resolve("m4").toString()));
        assertTrue(undecodable.contains(broken.toString()) && undecodable.contains("cannot decode"), undecodable);
        for (String run : new String[] {"m1", "m2", "m3", "m4"}) {
            assertFalse(Files.exists(tmp.resolve(run)), "nothing left behind for " + run);
        }
    }
}
