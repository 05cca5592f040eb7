package org.gan4j.cli;

import static org.gan4j.cli.CliTest.failsWith;
import static org.gan4j.cli.CliTest.gan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.gan4j.core.io.NpyArray;
import org.gan4j.core.io.NpyFiles;
import org.gan4j.core.run.SampleInputs;
import org.gan4j.api.data.Noise;
import org.gan4j.onnx.TinyOnnxGenerators;
import org.gan4j.onnx.TinyOnnxGenerators.Tiny;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan sample --onnx}, {@code --latent} and {@code --interpolate} on small ONNX generators. */
class SampleOnnxTest {

    @TempDir static Path tmp;

    /** Unconditional, 2-D points, latent size 3. */
    static Tiny points;
    static Path pointsFile;
    /** Unconditional, 1x2x2 images, latent size 3. */
    static Tiny images;
    static Path imagesFile;
    /** Conditional (3 classes), 1x2x2 images, latent size 4. */
    static Tiny classes;
    static Path classesFile;

    @BeforeAll
    static void writeModels() throws IOException {
        points = TinyOnnxGenerators.unconditional(3, 2);
        pointsFile = points.write(tmp.resolve("points.onnx"));
        images = TinyOnnxGenerators.unconditional(3, 1, 2, 2);
        imagesFile = images.write(tmp.resolve("images.onnx"));
        classes = TinyOnnxGenerators.conditional(4, 3, 1, 2, 2);
        classesFile = classes.write(tmp.resolve("classes.onnx"));
    }

    static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f, "value " + i);
        }
    }

    static NpyArray sampleNpy(String... args) throws IOException {
        Path out = tmp.resolve("out-" + System.nanoTime() + ".npy");
        List<String> all = new ArrayList<>(List.of("sample"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        CliTest.Result r = gan(all.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return NpyFiles.read(out);
    }

    @Test
    void onnxSamplesAreTheGraphOnTheSeededNoiseOfGanSample() throws IOException {
        NpyArray a = sampleNpy("--onnx", pointsFile.toString(), "--n", "5", "--seed", "3");
        assertArrayEquals(new long[] {5, 2}, a.shape());
        float[] z = Noise.normal(3, Noise.SAMPLING, 0, 5, 3);
        assertClose(points.expected(z, 5, null), a.values());

        Path csv = tmp.resolve("points.csv");
        CliTest.Result r = gan("sample", "--onnx", pointsFile.toString(), "--n", "5", "--seed", "3", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote 5 samples to " + csv, r.out().strip());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("x0,x1", rows.get(0));
        assertEquals(6, rows.size());
        assertEquals(a.values()[2], Float.parseFloat(rows.get(2).split(",")[0]), 1e-5, "csv and npy agree");

        Path scatter = tmp.resolve("points.png");
        assertEquals(0, gan("sample", "--onnx", pointsFile.toString(), "--n", "50", "--out", scatter.toString()).code());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(scatter), 4));
    }

    @Test
    void imagesGoToAGridAndConditionalOnesToOneRowPerClass() throws IOException {
        Path grid = tmp.resolve("images.png");
        assertEquals(0, gan("sample", "--onnx", imagesFile.toString(), "--n", "6", "--out", grid.toString()).code());
        BufferedImage g = ImageIO.read(grid.toFile());
        // 6 images of 2x2 at zoom 2 with 2-pixel gaps: 3 columns, 2 rows.
        assertEquals(2 + 3 * (4 + 2), g.getWidth());
        assertEquals(2 + 2 * (4 + 2), g.getHeight());

        NpyArray a = sampleNpy("--onnx", classesFile.toString(), "--n", "6", "--seed", "1");
        assertArrayEquals(new long[] {6, 1, 2, 2}, a.shape());
        float[] z = Noise.normal(1, Noise.SAMPLING, 0, 6, 4);
        assertClose(classes.expected(z, 6, new int[] {0, 1, 2, 0, 1, 2}), a.values());
        NpyArray two = sampleNpy("--onnx", classesFile.toString(), "--n", "6", "--seed", "1", "--label", "2");
        assertClose(classes.expected(z, 6, new int[] {2, 2, 2, 2, 2, 2}), two.values());

        Path rows = tmp.resolve("classes.png");
        assertEquals(0, gan("sample", "--onnx", classesFile.toString(), "--n", "6", "--out", rows.toString()).code());
        BufferedImage c = ImageIO.read(rows.toFile());
        assertEquals(2 + 3 * (4 + 2), c.getHeight(), "one row per class");
        assertEquals(2 + 2 * (4 + 2), c.getWidth(), "two samples a class");

        assertEquals("gan sample: --label 3 is out of range; this model has classes 0 to 2",
                failsWith(2, gan("sample", "--onnx", classesFile.toString(), "--label", "3", "--out",
                        tmp.resolve("never.npy").toString())));
        assertEquals("gan sample: --label is for conditional models; this model is unconditional",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--label", "0", "--out",
                        tmp.resolve("never.npy").toString())));
        assertFalse(Files.exists(tmp.resolve("never.npy")));
    }

    /** A .npy file of float64 values, written by hand as NumPy would. */
    static Path float64Npy(Path file, double[] values, long rows, long cols) throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int pad = (64 - (10 + header.length() + 1) % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : values) {
            b.putDouble(v);
        }
        return Files.write(file, b.array());
    }

    @Test
    void latentVectorsFromAFileReplaceTheNoise() throws IOException {
        float[] z = {0.5f, -1f, 2f, 0f, 0f, 0f, -0.25f, 1.5f, 3f, 1f, 1f, 1f};
        Path f32 = tmp.resolve("z32.npy");
        NpyFiles.writeFloat32(f32, z, 4, 3);
        NpyArray a = sampleNpy("--onnx", imagesFile.toString(), "--latent", f32.toString());
        assertArrayEquals(new long[] {4, 1, 2, 2}, a.shape(), "N comes from the file");
        assertClose(images.expected(z, 4, null), a.values());

        double[] zz = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            zz[i] = z[i];
        }
        Path f64 = float64Npy(tmp.resolve("z64.npy"), zz, 4, 3);
        NpyArray b = sampleNpy("--onnx", imagesFile.toString(), "--latent", f64.toString(), "--n", "4");
        assertArrayEquals(a.values(), b.values(), "float64 latents, and --n equal to the file's N");

        // Conditional: the file's rows cycle through the classes, or all take --label.
        float[] z4 = Arrays.copyOf(z, 12);
        Path c = tmp.resolve("zc.npy");
        NpyFiles.writeFloat32(c, z4, 3, 4);
        assertClose(classes.expected(z4, 3, new int[] {0, 1, 2}),
                sampleNpy("--onnx", classesFile.toString(), "--latent", c.toString()).values());
        assertClose(classes.expected(z4, 3, new int[] {1, 1, 1}),
                sampleNpy("--onnx", classesFile.toString(), "--latent", c.toString(), "--label", "1").values());
    }

    @Test
    void badLatentFilesAreRefusedInOneLine() throws IOException {
        String out = tmp.resolve("never.npy").toString();
        Path wide = tmp.resolve("wide.npy");
        NpyFiles.writeFloat32(wide, new float[20], 4, 5);
        assertEquals("gan sample: --latent " + wide + " has shape (4, 5); this generator needs (N, 3):"
                        + " N >= 1 latent vectors of length 3",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--latent", wide.toString(), "--out", out)));
        Path flat = tmp.resolve("flat.npy");
        NpyFiles.writeFloat32(flat, new float[3], 3);
        assertEquals("gan sample: --latent " + flat + " has shape (3,); this generator needs (N, 3):"
                        + " N >= 1 latent vectors of length 3",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--latent", flat.toString(), "--out", out)));
        Path four = tmp.resolve("four.npy");
        NpyFiles.writeFloat32(four, new float[12], 4, 3);
        assertEquals("gan sample: --n 5 does not match --latent " + four + ", which holds 4 latent vectors; leave --n out",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--latent", four.toString(), "--n", "5",
                        "--out", out)));
        Path text = Files.writeString(tmp.resolve("text.npy"), "1,2,3\n");
        assertEquals("gan sample: --latent " + text + " is not a .npy file (it does not start with \\x93NUMPY)",
                failsWith(1, gan("sample", "--onnx", imagesFile.toString(), "--latent", text.toString(), "--out", out)));
        Path missing = tmp.resolve("missing.npy");
        assertEquals("gan sample: --latent " + missing + ": no such file",
                failsWith(1, gan("sample", "--onnx", imagesFile.toString(), "--latent", missing.toString(), "--out", out)));
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void interpolationWalksFromSeededEndpoints() throws IOException {
        NpyArray a = sampleNpy("--onnx", imagesFile.toString(), "--interpolate", "5", "--n", "3", "--seed", "2");
        assertArrayEquals(new long[] {15, 1, 2, 2}, a.shape(), "3 walks of 5 points");
        float[] ends = Noise.normal(2, Noise.SAMPLING, 0, 6, 3);
        SampleInputs in = SampleInputs.interpolated(ends, 3, 5, 3, 0, -1);
        assertClose(images.expected(in.z(), 15, null), a.values());
        // Walk 1 starts at noise row 2 and ends at noise row 3.
        float[] start = Arrays.copyOfRange(images.expected(ends, 6, null), 2 * 4, 3 * 4);
        assertClose(start, Arrays.copyOfRange(a.values(), 5 * 4, 6 * 4));
        float[] end = Arrays.copyOfRange(images.expected(ends, 6, null), 3 * 4, 4 * 4);
        assertClose(end, Arrays.copyOfRange(a.values(), 9 * 4, 10 * 4));

        Path png = tmp.resolve("walks.png");
        CliTest.Result r = gan("sample", "--onnx", imagesFile.toString(), "--interpolate", "5", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote 8 walks of 5 points (40 samples) to " + png, r.out().strip());
        BufferedImage g = ImageIO.read(png.toFile());
        assertEquals(2 + 5 * (4 + 2), g.getWidth(), "5 columns");
        assertEquals(2 + 8 * (4 + 2), g.getHeight(), "8 walks by default, one a row");

        // Conditional: walk r has class r % 3 throughout.
        NpyArray c = sampleNpy("--onnx", classesFile.toString(), "--interpolate", "2", "--n", "4", "--seed", "5");
        SampleInputs ci = SampleInputs.interpolated(Noise.normal(5, Noise.SAMPLING, 0, 8, 4), 4, 2, 4, 3, -1);
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 0, 0}, ci.labels());
        assertClose(classes.expected(ci.z(), 8, ci.labels()), c.values());
        Path cpng = tmp.resolve("class-walks.png");
        assertEquals(0, gan("sample", "--onnx", classesFile.toString(), "--interpolate", "3", "--n", "4", "--out",
                cpng.toString()).code());
        BufferedImage cg = ImageIO.read(cpng.toFile());
        assertEquals(2 + 3 * (4 + 2), cg.getWidth());
        assertEquals(2 + 4 * (4 + 2), cg.getHeight(), "one row per walk, not per class");
    }

    @Test
    void interpolationBetweenRowsOfALatentFile() throws IOException {
        float[] z = {0, 0, 0, 1, 1, 1, -1, 2, 0, 1, 0, 2};
        Path f = tmp.resolve("ends.npy");
        NpyFiles.writeFloat32(f, z, 4, 3);
        NpyArray a = sampleNpy("--onnx", imagesFile.toString(), "--latent", f.toString(), "--interpolate", "3");
        assertArrayEquals(new long[] {6, 1, 2, 2}, a.shape(), "4 rows: 2 walks of 3 points");
        float[] walked = {0, 0, 0, 0.5f, 0.5f, 0.5f, 1, 1, 1, -1, 2, 0, 0, 1, 1, 1, 0, 2};
        assertClose(images.expected(walked, 6, null), a.values());

        String out = tmp.resolve("never.npy").toString();
        Path odd = tmp.resolve("odd.npy");
        NpyFiles.writeFloat32(odd, new float[9], 3, 3);
        assertEquals("gan sample: --latent " + odd + " holds 3 latent vectors; --interpolate takes them in pairs"
                        + " (the ends of each walk), so it needs an even number",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--latent", odd.toString(),
                        "--interpolate", "3", "--out", out)));
        assertEquals("gan sample: --n 4 does not match --latent " + f + ", whose 4 latent vectors are the ends of"
                        + " 2 walks; leave --n out",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--latent", f.toString(),
                        "--interpolate", "3", "--n", "4", "--out", out)));
        assertEquals("gan sample: --n 1000000000 with --interpolate 10 asks for 10000000000 samples, too many for one"
                        + " file; draw them in several parts",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--interpolate", "10", "--n", "1000000000",
                        "--out", out)));
        assertEquals("gan sample: --interpolate must be 2 or more (the points of each walk, ends included), got 1",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--interpolate", "1", "--out", out)));
    }

    @Test
    void uint8OutputsAreWrittenAsPixelValuesAndDrawnAsImages() throws IOException {
        Tiny u = TinyOnnxGenerators.build(3, 0, new long[] {1, 2, 2}, true, 9);
        Path file = u.write(tmp.resolve("uint8.onnx"));
        NpyArray a = sampleNpy("--onnx", file.toString(), "--n", "4", "--seed", "1");
        float[] expected = u.expected(Noise.normal(1, Noise.SAMPLING, 0, 4, 3), 4, null);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], a.values()[i], 1f, "pixel " + i);
        }
        Path png = tmp.resolve("uint8.png");
        assertEquals(0, gan("sample", "--onnx", file.toString(), "--n", "1", "--seed", "1", "--out", png.toString()).code());
        BufferedImage g = ImageIO.read(png.toFile());
        int pixel = g.getRGB(2, 2) & 0xff;
        assertEquals(a.values()[0], pixel, 1f, "0..255 drawn as themselves");
    }

    @Test
    void filesThatAreNotGan4jGeneratorsAndBadSourcesAreRefusedInOneLine() throws IOException {
        String out = tmp.resolve("never.npy").toString();
        Path text = Files.writeString(tmp.resolve("text.onnx"), "hello\n");
        assertEquals("gan sample: --onnx " + text + " is not an ONNX file (ONNX Runtime: Protobuf parsing failed)",
                failsWith(1, gan("sample", "--onnx", text.toString(), "--out", out)));
        Path bare = Files.write(tmp.resolve("bare.onnx"), images.withProperties(Map.of()));
        assertEquals("gan sample: --onnx " + bare + " is not a gan4j generator: it has no gan4j.* metadata;"
                        + " export one with 'gan export'",
                failsWith(1, gan("sample", "--onnx", bare.toString(), "--out", out)));
        Path missing = tmp.resolve("missing.onnx");
        assertEquals("gan sample: --onnx " + missing + ": no such file",
                failsWith(1, gan("sample", "--onnx", missing.toString(), "--out", out)));
        Path noLabel = Files.write(tmp.resolve("no-label.onnx"),
                images.withProperties(TinyOnnxGenerators.conditional(3, 2, 1, 2, 2).metadata().toProperties()));
        assertEquals("gan sample: --onnx " + noLabel + " is not a gan4j generator: its metadata says 2 classes but it"
                        + " has no input 'label'",
                failsWith(1, gan("sample", "--onnx", noLabel.toString(), "--out", out)));

        assertEquals("gan sample: Error: --run=DIR, --onnx=FILE are mutually exclusive (specify only one)"
                        + " (see 'gan sample --help')",
                failsWith(2, gan("sample", "--onnx", imagesFile.toString(), "--run", tmp.toString(), "--out", out)));
        assertEquals("gan sample: Error: Missing required argument (specify one of these): (--run=DIR | --onnx=FILE)"
                        + " (see 'gan sample --help')",
                failsWith(2, gan("sample", "--out", out)));
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void sampleOnnxRunsWithNoDjlJarOnTheClassPath() throws Exception {
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.replace(File.separatorChar, '/').contains("/ai/djl/")) {
                dropped++;
            } else {
                kept.add(entry);
            }
        }
        assertTrue(dropped >= 3, "DJL's api, engine and native jars were on the test class path: " + dropped);
        Path out = tmp.resolve("child.npy");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, kept),
                "org.gan4j.cli.Main", "sample", "--onnx", classesFile.toString(), "--n", "6", "--seed", "4",
                "--out", out.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        assertEquals(0, p.exitValue(), output);
        assertEquals("wrote 6 samples to " + out, output.strip());
        float[] z = Noise.normal(4, Noise.SAMPLING, 0, 6, 4);
        assertClose(classes.expected(z, 6, new int[] {0, 1, 2, 0, 1, 2}), NpyFiles.read(out).values());
    }
}
