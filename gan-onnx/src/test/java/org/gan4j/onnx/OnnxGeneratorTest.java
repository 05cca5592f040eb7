package org.gan4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.data.Noise;
import org.gan4j.api.data.Seeds;
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

    /** z, a uniform code, a label, a second categorical code and an image: every kind, in one product. */
    private static final List<GeneratorInput> EVERY_KIND = List.of(
            GeneratorInput.normal("z", 3),
            GeneratorInput.uniform("code", 2),
            GeneratorInput.categorical("label", 3),
            GeneratorInput.categorical("style", 2),
            GeneratorInput.image("source", 1, 2, 2));

    @Test
    void aProductOfAnyInputsIsFedEachByNameAndKindAsGanSampleDrawsThem() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.of(EVERY_KIND, new long[] {1, 2, 2}, 11);
        Path file = tiny.write(dir.resolve("every.onnx"));
        int n = 5;
        float[] source = gaussian(n * 4, 6);
        try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
            assertEquals(EVERY_KIND, g.inputs());
            assertEquals(3, g.metadata().latentSize());
            assertEquals(3, g.metadata().numClasses(), "the first categorical input's classes");
            InputValues v = g.draw(n, 9, 2, Map.of("source", source));
            // The streams of ProductInputs.draw: z from (seed, SAMPLING, 0), input i from (seed, SAMPLING, 0, i).
            assertArrayEquals(Noise.normal(9, Noise.SAMPLING, 0, n, 3), v.floats("z"));
            SplittableRandom codes = Seeds.stream(9, Noise.SAMPLING, 0, 1);
            float[] code = new float[n * 2];
            for (int i = 0; i < code.length; i++) {
                code[i] = (float) (2 * codes.nextDouble() - 1);
            }
            assertArrayEquals(code, v.floats("code"));
            assertArrayEquals(new int[] {2, 2, 2, 2, 2}, v.ints("label"), "--label is the first categorical input's");
            assertArrayEquals(new int[] {0, 1, 0, 1, 0}, v.ints("style"), "other categorical inputs cycle");
            assertArrayEquals(source, v.floats("source"));
            float[] out = g.generate(v);
            assertClose(tiny.expected(v), out, 1e-5f);
            // Each input reaches the graph: changing any one changes the samples.
            for (String name : List.of("z", "code", "source")) {
                float[] other = v.floats(name).clone();
                other[0] += 1f;
                assertTrue(Math.abs(g.generate(v.withFloats(name, other))[0] - out[0]) > 1e-5, name);
            }
            for (String name : List.of("label", "style")) {
                int[] other = v.ints(name).clone();
                other[0] = (other[0] + 1) % 2;
                assertTrue(Math.abs(g.generate(v.withInts(name, other))[0] - out[0]) > 1e-5, name);
            }
            // More samples than one ONNX Runtime call takes: every input is cut the same way.
            int many = OnnxGenerator.MAX_BATCH + 7;
            InputValues big = g.draw(many, 3, -1, Map.of("source", gaussian(many * 4, 8)));
            assertClose(tiny.expected(big), g.generate(big), 1e-5f);
        }
    }

    @Test
    void theInputsAreWrittenAsMetadataAndReadBack() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.of(EVERY_KIND, new long[] {1, 2, 2}, 11);
        Map<String, String> p = tiny.metadata().toProperties();
        assertEquals("z,code,label,style,source", p.get("gan4j.inputs"));
        assertEquals("normal", p.get("gan4j.input.z.kind"));
        assertEquals("float32", p.get("gan4j.input.z.type"));
        assertEquals("3", p.get("gan4j.input.z.shape"));
        assertEquals("normal(0, 1)", p.get("gan4j.input.z.distribution"));
        assertEquals("uniform(-1, 1)", p.get("gan4j.input.code.distribution"));
        assertEquals("categorical", p.get("gan4j.input.label.kind"));
        assertEquals("int64", p.get("gan4j.input.label.type"));
        assertEquals("", p.get("gan4j.input.label.shape"));
        assertEquals("3", p.get("gan4j.input.label.classes"));
        assertEquals("2", p.get("gan4j.input.style.classes"));
        assertEquals("image", p.get("gan4j.input.source.kind"));
        assertEquals("1,2,2", p.get("gan4j.input.source.shape"));
        assertFalse(p.containsKey("gan4j.input.source.distribution"));
        // The keys of older readers describe the first normal and the first categorical input.
        assertEquals("3", p.get("gan4j.latent_size"));
        assertEquals("3", p.get("gan4j.num_classes"));
        assertEquals(tiny.metadata(), GeneratorMetadata.fromProperties(p, "f"));

        TinyOnnxGenerators.Tiny translator = TinyOnnxGenerators.of(
                List.of(GeneratorInput.image("source", 1, 2, 2)), new long[] {1, 2, 2}, 3);
        Map<String, String> t = translator.metadata().toProperties();
        assertEquals("0", t.get("gan4j.latent_size"), "no latent vector");
        assertEquals("none", t.get("gan4j.latent_distribution"));
        assertEquals("0", t.get("gan4j.num_classes"));
        assertEquals(translator.metadata(), GeneratorMetadata.fromProperties(t, "t"));
        try (OnnxGenerator g = OnnxGenerator.open(translator.write(dir.resolve("t.onnx")), 1)) {
            float[] x = gaussian(8, 1);
            assertClose(translator.expected(g.draw(2, 0, -1, Map.of("source", x))),
                    g.generate(g.draw(2, 0, -1, Map.of("source", x))), 1e-5f);
            assertEquals("the product takes an image ('source'); give the images to translate instead of drawing them",
                    assertThrows(ConfigException.class, () -> g.sample(2, 0, -1)).getMessage());
            assertEquals(g.file() + " takes the inputs 'source', not just a latent vector and a label; give them all"
                    + " to generate(InputValues)", argumentFails(() -> g.generate(new float[0], 1, null)));
        }
    }

    @Test
    void filesWrittenBeforeTheInputsKeysStillLoadAndSampleAsBefore() throws IOException {
        for (TinyOnnxGenerators.Tiny tiny : List.of(TinyOnnxGenerators.unconditional(3, 1, 2, 2),
                TinyOnnxGenerators.conditional(4, 3, 1, 2, 2))) {
            Map<String, String> old = new LinkedHashMap<>(tiny.metadata().toProperties());
            old.keySet().removeIf(k -> k.equals("gan4j.inputs") || k.startsWith("gan4j.input."));
            Path file = Files.write(dir.resolve("old-" + tiny.metadata().numClasses() + ".onnx"), tiny.withProperties(old));
            try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
                assertEquals(tiny.metadata(), g.metadata(), "z and label, read from the old keys");
                assertTrue(g.metadata().zAndLabel());
                int classes = g.metadata().numClasses();
                int[] labels = classes == 0 ? null : new int[] {0, 1, 2, 0};
                float[] z = Noise.normal(7, Noise.SAMPLING, 0, 4, g.metadata().latentSize());
                // sample() draws what gan sample always has: Noise.normal(seed, SAMPLING, 0, ...), cycling labels.
                assertArrayEquals(g.generate(z, 4, labels), g.sample(4, 7, -1));
                assertClose(tiny.expected(z, 4, labels), g.sample(4, 7, -1), 1e-5f);
            }
        }
    }

    @Test
    void inputsThatDoNotMatchTheGraphOrCannotBeDrawnAreRefusedInOneLine() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.of(EVERY_KIND, new long[] {1, 2, 2}, 11);
        Map<String, String> p = tiny.metadata().toProperties();

        Map<String, String> missing = new LinkedHashMap<>(p);
        missing.put("gan4j.inputs", "z,code,label,style,source,extra");
        missing.put("gan4j.input.extra.kind", "uniform");
        missing.put("gan4j.input.extra.type", "float32");
        missing.put("gan4j.input.extra.shape", "4");
        missing.put("gan4j.input.extra.distribution", "uniform(-1, 1)");
        Path f1 = Files.write(dir.resolve("missing.onnx"), tiny.withProperties(missing));
        assertEquals(f1 + " is not a gan4j generator: it has no input 'extra' (its inputs: [code, label, source, style, z])",
                openFails(f1));

        Map<String, String> fewer = new LinkedHashMap<>(p);
        fewer.put("gan4j.inputs", "z,code,label,source");
        Path f2 = Files.write(dir.resolve("fewer.onnx"), tiny.withProperties(fewer));
        assertEquals(f2 + " is not a gan4j generator: it has an input 'style' besides 'z', 'code', 'label' and 'source'",
                openFails(f2));

        Map<String, String> bigger = new LinkedHashMap<>(p);
        bigger.put("gan4j.input.source.shape", "1,4,4");
        Path f3 = Files.write(dir.resolve("bigger.onnx"), tiny.withProperties(bigger));
        assertEquals(f3 + " is not a gan4j generator: input 'source' is float32 [N, 1, 2, 2]; expected float32"
                + " [N, 1, 4, 4] with N dynamic, as its metadata says of this image input", openFails(f3));

        Map<String, String> kind = new LinkedHashMap<>(p);
        kind.put("gan4j.input.code.kind", "gaussian");
        Path f4 = Files.write(dir.resolve("kind.onnx"), tiny.withProperties(kind));
        assertEquals(f4 + ": metadata 'gan4j.input.code.kind' is not valid: 'gaussian' (normal, uniform, categorical"
                + " or image)", openFails(f4));

        Map<String, String> type = new LinkedHashMap<>(p);
        type.put("gan4j.input.label.type", "float32");
        Path f5 = Files.write(dir.resolve("type.onnx"), tiny.withProperties(type));
        assertEquals(f5 + ": metadata 'gan4j.input.label.type' is not valid: 'float32' (a categorical input is int64)",
                openFails(f5));

        Map<String, String> summary = new LinkedHashMap<>(p);
        summary.put("gan4j.latent_size", "5");
        Path f6 = Files.write(dir.resolve("summary.onnx"), tiny.withProperties(summary));
        assertEquals(f6 + ": inconsistent gan4j metadata: 'gan4j.latent_size' is '5' but its inputs ('gan4j.inputs')"
                + " say '3'", openFails(f6));

        Map<String, String> noKind = new LinkedHashMap<>(p);
        noKind.remove("gan4j.input.style.classes");
        Path f7 = Files.write(dir.resolve("no-classes.onnx"), tiny.withProperties(noKind));
        assertEquals(f7 + " has no metadata 'gan4j.input.style.classes'; it was not exported by gan4j's 'gan export'",
                openFails(f7));

        // A distribution gan4j does not draw: the file opens and runs on given values, but is not drawn from.
        Map<String, String> wide = new LinkedHashMap<>(p);
        wide.put("gan4j.input.z.distribution", "normal(0, 2)");
        wide.put("gan4j.latent_distribution", "normal(0, 2)");
        try (OnnxGenerator g = OnnxGenerator.open(Files.write(dir.resolve("wide.onnx"), tiny.withProperties(wide)), 1)) {
            assertEquals("input 'z' is drawn from normal(0, 2), which gan4j does not draw (it draws normal inputs from"
                            + " normal(0, 1)); give its values instead",
                    assertThrows(ConfigException.class,
                            () -> g.draw(2, 0, -1, Map.of("source", new float[8]))).getMessage());
        }
    }

    @Test
    void valuesThatDoNotFitTheInputsAreRefused() throws IOException {
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.of(EVERY_KIND, new long[] {1, 2, 2}, 11);
        try (OnnxGenerator g = OnnxGenerator.open(tiny.write(dir.resolve("every.onnx")), 1)) {
            Map<String, float[]> source = Map.of("source", new float[8]);
            assertEquals("input 'source' needs 8 values (2 samples of [1, 2, 2]), got 7",
                    argumentFails(() -> g.draw(2, 0, -1, Map.of("source", new float[7]))));
            assertEquals("images were given for 'z', which is not an image input; the image inputs are source",
                    argumentFails(() -> g.draw(2, 0, -1, Map.of("source", new float[8], "z", new float[6]))));
            assertEquals("label 3 is out of range; this model has classes 0 to 2",
                    assertThrows(ConfigException.class, () -> g.draw(2, 0, 3, source)).getMessage());
            InputValues v = g.draw(2, 0, -1, source);
            assertEquals("input 'style': class 2 (sample 1) is out of range; the classes are 0 to 1",
                    argumentFails(() -> v.withInts("style", new int[] {0, 2})));
            assertEquals("the product has no input 'nope'", argumentFails(() -> v.floats("nope")));
            InputValues other = InputValues.draw(List.of(GeneratorInput.normal("z", 3)), 2, 0, Noise.SAMPLING, -1,
                    Map.of());
            assertTrue(argumentFails(() -> g.generate(other)).startsWith("the values are for the inputs [z normal"));
        }
        TinyOnnxGenerators.Tiny plain = TinyOnnxGenerators.unconditional(3, 2);
        try (OnnxGenerator g = OnnxGenerator.open(plain.write(dir.resolve("plain.onnx")), 1)) {
            assertEquals("a label was given, but this model takes no labels (it is unconditional)",
                    assertThrows(ConfigException.class, () -> g.sample(2, 0, 0)).getMessage());
        }
    }

    @Test
    void metadataThatCannotDescribeAGraphIsRefused() {
        assertEquals("an input is named 'image', the name of the output", assertThrows(IllegalArgumentException.class,
                () -> TinyOnnxGenerators.of(List.of(GeneratorInput.image("image", 1, 2, 2)), new long[] {1, 2, 2}, 1))
                .getMessage());
        assertEquals("two inputs are named 'z'", assertThrows(IllegalArgumentException.class,
                () -> TinyOnnxGenerators.of(List.of(GeneratorInput.normal("z", 2), GeneratorInput.uniform("z", 2)),
                        new long[] {2}, 1)).getMessage());
        assertEquals("input 'code': a uniform input needs a distribution", assertThrows(IllegalArgumentException.class,
                () -> new GeneratorInput("code", GeneratorInput.Kind.UNIFORM, new long[] {2}, 0, "")).getMessage());
        assertEquals("input 'label': a categorical input has classes > 0 and shape [], got 0 classes and shape []",
                assertThrows(IllegalArgumentException.class, () -> GeneratorInput.categorical("label", 0)).getMessage());
    }
}
