package org.gan4j.cli;

import static org.gan4j.cli.CliTest.failsWith;
import static org.gan4j.cli.CliTest.gan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gan4j.api.data.Noise;
import org.gan4j.core.io.NpyArray;
import org.gan4j.core.io.NpyFiles;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.InputValues;
import org.gan4j.onnx.OnnxGenerator;
import org.gan4j.onnx.TinyOnnxGenerators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan sample} on products that take more than z and a label: the test games of gan-export's
 * test-jar, registered by this module's test services files, trained a few steps through {@code gan
 * train}: {@code translator} (an image input, {@code --input}) on 8x8 shapes and on the grid (whose
 * scale is 0.25, so that data units and model units differ), and {@code coded} (z, a uniform code,
 * the label, a categorical code) on 8x8 shapes. {@code --run} and {@code --onnx} must agree.
 */
class SampleProductInputsTest {

    @TempDir static Path tmp;
    static Path shapesTranslator;
    static Path gridTranslator;
    static Path coded;

    private static final List<String> TINY = List.of("--batch-size", "16", "--steps", "4", "--eval-every", "0",
            "--quiet");

    private static Path train(String name, String game, String dataset, String... datasetOptions) {
        Path run = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--game", game, "--dataset", dataset, "--out",
                run.toString()));
        for (String o : datasetOptions) {
            args.addAll(List.of("--dataset-opt", o));
        }
        args.addAll(TINY);
        CliTest.Result r = gan(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no warning: generator.onnx was written");
        assertTrue(Files.isRegularFile(run.resolve("generator.onnx")));
        return run;
    }

    @BeforeAll
    static void trainTheTestGames() {
        shapesTranslator = train("shapes-translator", "translator", "shapes", "size=8", "samples=96");
        gridTranslator = train("grid-translator", "translator", "grid", "samples=160");
        coded = train("coded", "coded", "shapes", "size=8", "samples=96");
    }

    private static NpyArray sample(String... args) throws IOException {
        Path out = tmp.resolve("out-" + System.nanoTime() + ".npy");
        List<String> all = new ArrayList<>(List.of("sample"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        CliTest.Result r = gan(all.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return NpyFiles.read(out);
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        double spread = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "value " + i);
            spread = Math.max(spread, Math.abs(expected[i] - expected[0]));
        }
        assertTrue(spread > 1e-3, "the samples barely vary: " + spread);
    }

    private static Path images(String name, long... shape) throws IOException {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i * 0.61 + name.length());
        }
        Path f = tmp.resolve(name);
        NpyFiles.writeFloat32(f, v, shape);
        return f;
    }

    @Test
    void aTranslatorTakesTheImagesOfInputThroughItsRunAndItsOnnxFileAlike() throws IOException {
        Path x = images("x.npy", 5, 1, 8, 8);
        NpyArray run = sample("--run", shapesTranslator.toString(), "--input", x.toString());
        NpyArray onnx = sample("--onnx", shapesTranslator.resolve("generator.onnx").toString(), "--input", x.toString());
        assertArrayEquals(new long[] {5, 1, 8, 8}, run.shape(), "N comes from --input");
        assertClose(run.values(), onnx.values(), 1e-4);
        // The images are fed as given: what the file makes of them in this JVM.
        try (OnnxGenerator g = OnnxGenerator.open(shapesTranslator.resolve("generator.onnx"))) {
            float[] direct = g.generate(g.draw(5, 0, -1, Map.of("source", NpyFiles.read(x).values())));
            assertClose(direct, onnx.values(), 1e-6);
        }
        // --n may repeat the file's N; a PNG grid of the translations.
        assertArrayEquals(run.values(), sample("--run", shapesTranslator.toString(), "--input", x.toString(), "--n", "5")
                .values());
        Path png = tmp.resolve("translations.png");
        CliTest.Result r = gan("sample", "--run", shapesTranslator.toString(), "--input", x.toString(), "--out",
                png.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote 5 samples to " + png, r.out().strip());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(2 + 3 * (16 + 2), grid.getWidth(), "5 images of 8x8 at zoom 2: 3 columns");

        // Vectors on the grid, whose data units are 4 times the model's: both paths scale in and out.
        Path v = tmp.resolve("v.npy");
        NpyFiles.writeFloat32(v, new float[] {-4, 2, 0, 0, 3.5f, -1, 1, 1}, 4, 2);
        NpyArray a = sample("--run", gridTranslator.toString(), "--input", v.toString());
        NpyArray b = sample("--onnx", gridTranslator.resolve("generator.onnx").toString(), "--input", v.toString());
        assertArrayEquals(new long[] {4, 2}, a.shape());
        assertClose(a.values(), b.values(), 1e-4);
    }

    @Test
    void codesAndLabelsAreDrawnFromTheSeedTheSameWayForTheRunAndItsOnnxFile() throws IOException {
        String file = coded.resolve("generator.onnx").toString();
        NpyArray run = sample("--run", coded.toString(), "--n", "12", "--seed", "3");
        NpyArray onnx = sample("--onnx", file, "--n", "12", "--seed", "3");
        assertArrayEquals(new long[] {12, 1, 8, 8}, run.shape());
        assertClose(run.values(), onnx.values(), 1e-4);
        try (OnnxGenerator g = OnnxGenerator.open(coded.resolve("generator.onnx"))) {
            // gan sample draws what OnnxGenerator.sample (and TrainedModel.sample) draw for the seed.
            assertClose(g.sample(12, 3, -1), onnx.values(), 1e-6);
            assertClose(g.sample(12, 3, 4), sample("--onnx", file, "--n", "12", "--seed", "3", "--label", "4").values(),
                    1e-6);
            assertClose(sample("--run", coded.toString(), "--n", "12", "--seed", "3", "--label", "4").values(),
                    g.sample(12, 3, 4), 1e-4);

            // Walks: z walks, every other input keeps walk r's value (its code and style, class r % 6).
            NpyArray walks = sample("--onnx", file, "--interpolate", "3", "--n", "2", "--seed", "8");
            assertArrayEquals(new long[] {6, 1, 8, 8}, walks.shape());
            assertClose(walks.values(), sample("--run", coded.toString(), "--interpolate", "3", "--n", "2", "--seed", "8")
                    .values(), 1e-4);
            InputValues perWalk = g.draw(2, 8, -1, Map.of());
            int latent = g.metadata().latentSize();
            float[] ends = Noise.normal(8, Noise.SAMPLING, 0, 4, latent);
            for (int r = 0; r < 2; r++) {
                for (int end = 0; end < 2; end++) {
                    InputValues point = new InputValues(g.inputs(), 1,
                            Arrays.asList(Arrays.copyOfRange(ends, (2 * r + end) * latent, (2 * r + end + 1) * latent),
                                    Arrays.copyOfRange(perWalk.floats("code"), 2 * r, 2 * r + 2), null, null),
                            Arrays.asList(null, null, new int[] {r % 6}, new int[] {r % 2}));
                    int at = r * 3 + end * 2;
                    assertClose(g.generate(point), Arrays.copyOfRange(walks.values(), at * 64, (at + 1) * 64), 1e-5);
                }
            }
        }
        // Given latent vectors replace z alone.
        int latent;
        try (OnnxGenerator g = OnnxGenerator.open(coded.resolve("generator.onnx"))) {
            latent = g.metadata().latentSize();
        }
        Path z = tmp.resolve("z-coded.npy");
        float[] zz = new float[3 * latent];
        for (int i = 0; i < zz.length; i++) {
            zz[i] = i * 0.1f - 0.7f;
        }
        NpyFiles.writeFloat32(z, zz, 3, latent);
        assertClose(sample("--run", coded.toString(), "--latent", z.toString()).values(),
                sample("--onnx", file, "--latent", z.toString()).values(), 1e-4);
    }

    @Test
    void aProductOfNoiseAndAnImageWalksEachImageOnce() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.of(List.of(GeneratorInput.normal("z", 3),
                GeneratorInput.image("source", 1, 2, 2)), new long[] {1, 2, 2}, 4);
        Path file = tiny.write(tmp.resolve("z-and-image.onnx"));
        Path x = images("x2.npy", 2, 1, 2, 2);
        float[] xs = NpyFiles.read(x).values();
        NpyArray a = sample("--onnx", file.toString(), "--input", x.toString(), "--seed", "6");
        InputValues seeded = new InputValues(tiny.metadata().inputs(), 2,
                Arrays.asList(Noise.normal(6, Noise.SAMPLING, 0, 2, 3), xs), Arrays.asList(null, null));
        assertClose(tiny.expected(seeded), a.values(), 1e-5);

        NpyArray w = sample("--onnx", file.toString(), "--input", x.toString(), "--interpolate", "3", "--seed", "6");
        assertArrayEquals(new long[] {6, 1, 2, 2}, w.shape(), "one walk an image");
        float[] ends = Noise.normal(6, Noise.SAMPLING, 0, 4, 3);
        float[] z = new float[6 * 3];
        float[] source = new float[6 * 4];
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 3; j++) {
                double t = j / 2.0;
                for (int k = 0; k < 3; k++) {
                    z[(r * 3 + j) * 3 + k] = (float) ((1 - t) * ends[2 * r * 3 + k] + t * ends[(2 * r + 1) * 3 + k]);
                }
                System.arraycopy(xs, r * 4, source, (r * 3 + j) * 4, 4);
            }
        }
        assertClose(tiny.expected(new InputValues(tiny.metadata().inputs(), 6, Arrays.asList(z, source),
                Arrays.asList(null, null))), w.values(), 1e-5);

        String out = tmp.resolve("never.npy").toString();
        Path z4 = tmp.resolve("z4.npy");
        NpyFiles.writeFloat32(z4, new float[12], 4, 3);
        assertEquals("gan sample: --input " + x + " holds 2 images but --latent " + z4 + " holds 4 latent vectors;"
                        + " give one image a latent vector",
                failsWith(2, gan("sample", "--onnx", file.toString(), "--input", x.toString(), "--latent",
                        z4.toString(), "--out", out)));
        assertEquals("gan sample: --n 3 does not match --input " + x + ", which holds 2 images (one a walk);"
                        + " leave --n out",
                failsWith(2, gan("sample", "--onnx", file.toString(), "--input", x.toString(), "--interpolate", "3",
                        "--n", "3", "--out", out)));

        TinyOnnxGenerators.Tiny two = TinyOnnxGenerators.of(List.of(GeneratorInput.image("a", 2),
                GeneratorInput.image("b", 2)), new long[] {2}, 4);
        Path twoFile = two.write(tmp.resolve("two-images.onnx"));
        assertEquals("gan sample: this model takes 2 images (a, b); gan sample feeds one, from --input: sample it"
                        + " from Java with InputValues instead",
                failsWith(2, gan("sample", "--onnx", twoFile.toString(), "--input", x.toString(), "--out", out)));
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void badImageInputsAreRefusedInOneLineNamingTheFix() throws IOException {
        String out = tmp.resolve("never.npy").toString();
        String onnx = shapesTranslator.resolve("generator.onnx").toString();
        for (String[] source : new String[][] {{"--run", shapesTranslator.toString()}, {"--onnx", onnx}}) {
            assertEquals("gan sample: this model translates images: give them with --input FILE.npy, float32"
                            + " (N, 1, 8, 8) in the data's units (its input 'source')",
                    failsWith(2, gan("sample", source[0], source[1], "--out", out)));
            Path wrong = images("wrong.npy", 4, 1, 9, 9);
            assertEquals("gan sample: --input " + wrong + " has shape (4, 1, 9, 9); this model needs (N, 1, 8, 8):"
                            + " N >= 1 images of (1, 8, 8) in the data's units",
                    failsWith(2, gan("sample", source[0], source[1], "--input", wrong.toString(), "--out", out)));
            Path four = images("four.npy", 4, 1, 8, 8);
            assertEquals("gan sample: --n 3 does not match --input " + four + ", which holds 4 images; leave --n out",
                    failsWith(2, gan("sample", source[0], source[1], "--input", four.toString(), "--n", "3", "--out",
                            out)));
            Path z = tmp.resolve("z.npy");
            NpyFiles.writeFloat32(z, new float[6], 2, 3);
            assertEquals("gan sample: --latent is for models that take a latent vector; this model takes none (its"
                            + " inputs: source)",
                    failsWith(2, gan("sample", source[0], source[1], "--input", four.toString(), "--latent",
                            z.toString(), "--out", out)));
            assertEquals("gan sample: --interpolate walks between latent vectors; this model takes none (its inputs:"
                            + " source)",
                    failsWith(2, gan("sample", source[0], source[1], "--input", four.toString(), "--interpolate", "3",
                            "--out", out)));
            assertEquals("gan sample: --label is for conditional models; this model is unconditional",
                    failsWith(2, gan("sample", source[0], source[1], "--input", four.toString(), "--label", "1",
                            "--out", out)));
            Path text = Files.writeString(tmp.resolve("text.npy"), "1,2,3\n");
            assertEquals("gan sample: --input " + text + " is not a .npy file (it does not start with \\x93NUMPY)",
                    failsWith(1, gan("sample", source[0], source[1], "--input", text.toString(), "--out", out)));
            Path missing = tmp.resolve("missing.npy");
            assertEquals("gan sample: --input " + missing + ": no such file",
                    failsWith(1, gan("sample", source[0], source[1], "--input", missing.toString(), "--out", out)));
        }
        Path x = images("codes-x.npy", 2, 1, 8, 8);
        assertEquals("gan sample: --input is for models that take an image (a translator's source); this model takes"
                        + " none (its inputs: z, code, label, style)",
                failsWith(2, gan("sample", "--run", coded.toString(), "--input", x.toString(), "--out", out)));
        assertEquals("gan sample: --input is for models that take an image (a translator's source); this model takes"
                        + " none (its inputs: z, code, label, style)",
                failsWith(2, gan("sample", "--onnx", coded.resolve("generator.onnx").toString(), "--input",
                        x.toString(), "--out", out)));
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void ganEvalRefusesProductsItCannotFeedInOneLine() {
        assertEquals("gan eval: this run's product takes source; the metrics score generators of a latent vector"
                        + " (and a label) alone: draw its samples with gan sample and score them yourself",
                failsWith(2, gan("eval", "--run", shapesTranslator.toString(), "--samples", "20")));
        assertEquals("gan eval: this run's product takes z, code, label, style; the metrics score generators of a"
                        + " latent vector (and a label) alone: draw its samples with gan sample and score them yourself",
                failsWith(2, gan("eval", "--run", coded.toString(), "--samples", "20")));
    }
}
