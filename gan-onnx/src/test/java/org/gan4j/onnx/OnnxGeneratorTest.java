package org.gan4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.api.GanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGeneratorTest {

    @TempDir Path dir;

    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }

    private static void assertClose(float[] expected, float[] actual, float tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "value " + i);
        }
    }

    private String openFails(Path file) {
        return assertThrows(GanException.class, () -> OnnxGenerator.open(file, 1).close()).getMessage();
    }

    @Test
    void anUnconditionalGeneratorComputesWhatItsGraphSays() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.unconditional(3, 1, 2, 2);
        Path file = tiny.write(dir.resolve("g.onnx"));
        try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
            assertEquals(tiny.metadata(), g.metadata(), "metadata read back from metadata_props");
            assertEquals(file, g.file());
            float[] z = gaussian(5 * 3, 1);
            float[] out = g.generate(z, 5, null);
            assertClose(tiny.expected(z, 5, null), out, 1e-5f);
            // More samples than one ONNX Runtime call takes: run in batches, the same values.
            int n = OnnxGenerator.MAX_BATCH * 2 + 3;
            float[] many = gaussian(n * 3, 2);
            assertClose(tiny.expected(many, n, null), g.generate(many, n, null), 1e-5f);
        }
    }

    @Test
    void aConditionalGeneratorTakesOneLabelASample() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.conditional(4, 3, 1, 2, 2);
        Path file = tiny.write(dir.resolve("c.onnx"));
        try (OnnxGenerator g = OnnxGenerator.open(file)) {
            assertEquals(3, g.metadata().numClasses());
            float[] z = gaussian(6 * 4, 3);
            int[] labels = {0, 1, 2, 2, 1, 0};
            float[] out = g.generate(z, 6, labels);
            assertClose(tiny.expected(z, 6, labels), out, 1e-5f);
            // The label matters: the same z with other labels gives other samples.
            float[] other = g.generate(z, 6, new int[] {1, 2, 0, 0, 2, 1});
            assertTrue(Math.abs(other[0] - out[0]) > 1e-4, "labels change the output");
        }
    }

    @Test
    void vectorOutputs() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.unconditional(2, 2);
        try (OnnxGenerator g = OnnxGenerator.open(tiny.write(dir.resolve("v.onnx")), 1)) {
            assertArrayEquals(new long[] {2}, g.metadata().sampleShape());
            float[] z = gaussian(8, 4);
            assertClose(tiny.expected(z, 4, null), g.generate(z, 4, null), 1e-5f);
        }
    }

    @Test
    void uint8OutputsComeBackAsFloatsFrom0To255() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.build(3, 0, new long[] {1, 2, 2}, true, 7);
        try (OnnxGenerator g = OnnxGenerator.open(tiny.write(dir.resolve("u.onnx")), 1)) {
            assertEquals("uint8", g.metadata().outputType());
            float[] z = gaussian(30, 5);
            float[] out = g.generate(z, 10, null);
            // Cast truncates; ONNX Runtime's tanh may differ from Java's in the last bit.
            assertClose(tiny.expected(z, 10, null), out, 1f);
            for (float v : out) {
                assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "a pixel value: " + v);
            }
        }
    }

    @Test
    void filesThatAreNotGan4jGeneratorsAreRefusedInOneLine() throws IOException {
        Path text = Files.writeString(dir.resolve("text.onnx"), "not a model\n");
        assertEquals(text + " is not an ONNX file (ONNX Runtime: Protobuf parsing failed)", openFails(text));
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertEquals(empty + " is not an ONNX file (it is empty)", openFails(empty));
        // A protobuf message ONNX Runtime reads as a model without a graph.
        Path graphless = Files.write(dir.resolve("graphless.onnx"), new byte[] {8, 8});
        assertEquals("ONNX Runtime cannot load " + graphless + ": ModelProto does not have a graph", openFails(graphless));
        Path missing = dir.resolve("missing.onnx");
        assertEquals(missing + ": no such file", openFails(missing));

        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.unconditional(3, 1, 2, 2);
        Path bare = Files.write(dir.resolve("bare.onnx"), tiny.withProperties(Map.of()));
        assertEquals(bare + " is not a gan4j generator: it has no gan4j.* metadata; export one with 'gan export'",
                openFails(bare));

        Map<String, String> partial = new LinkedHashMap<>(tiny.metadata().toProperties());
        partial.remove(GeneratorMetadata.SAMPLE_SHAPE);
        Path incomplete = Files.write(dir.resolve("incomplete.onnx"), tiny.withProperties(partial));
        assertEquals(incomplete + " has no metadata 'gan4j.sample_shape'; it was not exported by gan4j's 'gan export'",
                openFails(incomplete));

        // Metadata of a conditional generator on an unconditional graph: the label input is missing.
        Map<String, String> conditional = TinyOnnxGenerators.conditional(3, 4, 1, 2, 2).metadata().toProperties();
        Path noLabel = Files.write(dir.resolve("no-label.onnx"), tiny.withProperties(conditional));
        assertEquals(noLabel + " is not a gan4j generator: its metadata says 4 classes but it has no input 'label'",
                openFails(noLabel));

        Map<String, String> latent5 = TinyOnnxGenerators.unconditional(5, 1, 2, 2).metadata().toProperties();
        Path wrongLatent = Files.write(dir.resolve("latent.onnx"), tiny.withProperties(latent5));
        assertEquals(wrongLatent + " is not a gan4j generator: input 'z' is float32 [N, 3]; expected float32 [N, 5]"
                + " with N dynamic, as its metadata says latent size 5", openFails(wrongLatent));

        Map<String, String> shape = TinyOnnxGenerators.unconditional(3, 1, 4, 4).metadata().toProperties();
        Path wrongShape = Files.write(dir.resolve("shape.onnx"), tiny.withProperties(shape));
        assertEquals(wrongShape + " is not a gan4j generator: output 'image' is float32 [N, 1, 2, 2];"
                + " its metadata says float32 [N, 1, 4, 4]", openFails(wrongShape));

        Map<String, String> uint8 =
                TinyOnnxGenerators.build(3, 0, new long[] {1, 2, 2}, true, 1).metadata().toProperties();
        Path wrongType = Files.write(dir.resolve("type.onnx"), tiny.withProperties(uint8));
        assertEquals(wrongType + " is not a gan4j generator: output 'image' is float32 [N, 1, 2, 2];"
                + " its metadata says uint8 [N, 1, 2, 2]", openFails(wrongType));

        Map<String, String> unconditional = TinyOnnxGenerators.unconditional(4, 1, 2, 2).metadata().toProperties();
        Path extraLabel = Files.write(dir.resolve("label.onnx"),
                TinyOnnxGenerators.conditional(4, 3, 1, 2, 2).withProperties(unconditional));
        assertEquals(extraLabel + " is not a gan4j generator: it has an input 'label' but its metadata says it is"
                + " unconditional (gan4j.num_classes 0)", openFails(extraLabel));
    }

    private static String argumentFails(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void badArgumentsAreRefused() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.conditional(4, 3, 2);
        Path file = tiny.write(dir.resolve("c.onnx"));
        try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
            assertEquals("z has 7 values; 2 samples of latent size 4 need 8",
                    argumentFails(() -> g.generate(new float[7], 2, new int[] {0, 1})));
            assertEquals("label 3 (sample 1) is out of range; this generator has classes 0 to 2",
                    argumentFails(() -> g.generate(new float[8], 2, new int[] {0, 3})));
            assertEquals("label -1 (sample 0) is out of range; this generator has classes 0 to 2",
                    argumentFails(() -> g.generate(new float[8], 2, new int[] {-1, 0})));
            assertEquals(file + " is conditional (3 classes): give a label for every sample",
                    argumentFails(() -> g.generate(new float[8], 2, null)));
            assertEquals("1 labels for 2 samples", argumentFails(() -> g.generate(new float[8], 2, new int[] {0})));
            assertEquals("the number of samples must be positive, got 0",
                    argumentFails(() -> g.generate(new float[0], 0, new int[0])));
        }
        Path plain = TinyOnnxGenerators.unconditional(4, 2).write(dir.resolve("u.onnx"));
        try (OnnxGenerator g = OnnxGenerator.open(plain, 1)) {
            assertEquals(plain + " is unconditional: it takes no labels",
                    argumentFails(() -> g.generate(new float[4], 1, new int[] {0})));
        }
    }
}
