package org.gan4j.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.Noise;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.ProductInputs;
import org.gan4j.core.config.ConfigFiles;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.train.GanTrainer;
import org.gan4j.core.train.TrainedGan;
import org.gan4j.core.train.TrainedModel;
import org.gan4j.export.games.CodedGameProvider;
import org.gan4j.export.games.TranslatorGameProvider;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.GeneratorMetadata;
import org.gan4j.onnx.InputValues;
import org.gan4j.onnx.OnnxGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trained products to ONNX and back: {@code TrainedGan.exportOnnx} through the {@link
 * org.gan4j.api.export.ModelExporter} found by ServiceLoader, for the built-in game and for the
 * test games whose products take codes and images; the files sampled through ONNX Runtime must
 * give what the trained model gives on the same seed, and the metadata say what the product is.
 */
class ProductExportTest {

    private static final PluginCatalog PLUGINS = PluginCatalog.load(ProductExportTest.class.getClassLoader());

    @TempDir Path dir;

    /** A run of a few steps, no run directory, no evaluation. */
    private static TrainedGan train(TrainConfig config) {
        return GanTrainer.builder(config).plugins(PLUGINS).build().train();
    }

    private static TrainConfig.Builder tiny(String game, String dataset, Map<String, String> datasetOptions) {
        return TrainConfig.builder()
                .game(PluginChoice.of(game))
                .dataset(new PluginChoice(dataset, datasetOptions))
                .model(new PluginChoice("mlp", Map.of("g-hidden", "16", "d-hidden", "16")))
                .latentSize(5)
                .batchSize(16)
                .steps(6)
                .evalSamples(40)
                .seed(3);
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

    @Test
    void trainedGanExportOnnxWritesAFileThatSamplesWhatTheModelDoes() throws Exception {
        TrainConfig config = tiny("adversarial", "ring", Map.of("samples", "160")).build();
        Path file = dir.resolve("ring.onnx");
        try (TrainedGan gan = train(config)) {
            gan.exportOnnx(file);
            try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
                GeneratorMetadata md = g.metadata();
                assertTrue(md.zAndLabel(), "z alone, as every generator of the built-in game");
                assertEquals(List.of(GeneratorInput.normal("z", 5)), md.inputs());
                assertArrayEquals(new long[] {2}, md.sampleShape());
                assertEquals("ND", md.outputLayout());
                // The settings resolved (the loss's discriminator steps), as a run's config.json holds them.
                assertEquals(ConfigFiles.toJson(gan.model().config()) + "\n", md.provenance().get("config"));
                assertTrue(md.provenance().get("config").contains("\"discriminatorSteps\" : 1"));
                assertEquals("adversarial", md.provenance().get("game"));
                assertEquals("generator", md.provenance().get("product"));
                assertEquals("mlp", md.provenance().get("model"));
                assertEquals("ring", md.provenance().get("dataset"));
                assertEquals("6", md.provenance().get("training_steps"));
                // Data units: the ring's scale is 1, the grid's is not (below).
                assertClose(gan.model().sample(30, 9, -1), g.sample(30, 9, -1), 1e-4);
                // TrainedGan.sample draws with the run's seed, as gan sample --seed <seed> does.
                float[][] rows = gan.sample(4);
                float[] flat = g.sample(4, config.seed(), -1);
                for (int i = 0; i < 4; i++) {
                    assertArrayEquals(rows[i], Arrays.copyOfRange(flat, 2 * i, 2 * i + 2), 1e-4f);
                }
            }
        }
    }

    @Test
    void aProductOfNoiseCodesAndLabelsExportsEveryInputByNameAndKind() throws Exception {
        TrainConfig config = tiny(CodedGameProvider.NAME, "shapes", Map.of("size", "8", "samples", "96")).build();
        Path file = dir.resolve("coded.onnx");
        try (TrainedGan gan = train(config)) {
            gan.exportOnnx(file);
            TrainedModel model = gan.model();
            try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
                GeneratorMetadata md = g.metadata();
                assertEquals(List.of(GeneratorInput.normal("z", 5), GeneratorInput.uniform("code", 2),
                        GeneratorInput.categorical("label", 6), GeneratorInput.categorical("style", 2)), md.inputs());
                assertEquals("circle", md.classNames().get(0), "the label's classes are the data's");
                assertEquals(6, md.classNames().size());
                assertEquals(5, md.latentSize());
                assertEquals(6, md.numClasses());
                assertEquals("coded", md.provenance().get("game"));
                assertEquals("NCHW", md.outputLayout());
                // What gan sample --run and --onnx give for a seed, with the labels cycling or fixed.
                assertClose(model.sample(20, 4, -1), g.sample(20, 4, -1), 1e-4);
                assertClose(model.sample(20, 4, 5), g.sample(20, 4, 5), 1e-4);

                // Both sides draw the same values, bit for bit, for every input.
                Product product = model.product();
                ProductInputs a = ProductInputs.draw(product, 7, 11, Noise.SAMPLING, 2);
                InputValues b = g.draw(7, 11, 2, Map.of());
                for (ProductInput in : product.inputs()) {
                    if (in.kind() == ProductInput.Kind.CATEGORICAL) {
                        assertArrayEquals(a.ints(in.name()), b.ints(in.name()), in.name());
                    } else {
                        assertArrayEquals(a.floats(in.name()), b.floats(in.name()), in.name());
                    }
                }
            }
        }
    }

    @Test
    void aProductOfAnImageTakesItInTheDataUnitsInTheFileAsInTheModel() throws Exception {
        // The grid's scale is 0.25: the file multiplies its image input by it, and divides its output.
        TrainConfig grid = tiny(TranslatorGameProvider.NAME, "grid", Map.of("samples", "160")).build();
        Path file = dir.resolve("grid-translator.onnx");
        int n = 9;
        float[] x = new float[n * 2];
        Random random = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (4 * (2 * random.nextDouble() - 1));
        }
        try (TrainedGan gan = train(grid)) {
            gan.exportOnnx(file);
            TrainedModel model = gan.model();
            assertEquals(0.25, model.info().scale(), 1e-12);
            float[] fromModel = model.sample(ProductInputs.draw(model.product(), n, 0, Noise.SAMPLING, -1,
                    Map.of(TranslatorGameProvider.SOURCE, x)));
            // By hand: the network on x * scale, divided by the scale.
            float[] byHand;
            try (NDManager m = NDManager.newBaseManager()) {
                float[] scaled = x.clone();
                for (int i = 0; i < scaled.length; i++) {
                    scaled[i] *= 0.25f;
                }
                NDList out = model.block().forward(new ParameterStore(m, false),
                        new NDList(m.create(scaled, new Shape(n, 2))), false);
                byHand = out.singletonOrThrow().toFloatArray();
                for (int i = 0; i < byHand.length; i++) {
                    byHand[i] /= 0.25f;
                }
            }
            assertClose(byHand, fromModel, 1e-4);
            try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
                assertEquals(List.of(GeneratorInput.image("source", 2)), g.inputs());
                assertEquals(0, g.metadata().latentSize());
                assertEquals("none", g.metadata().latentDistribution());
                assertClose(fromModel, g.generate(g.draw(n, 0, -1, Map.of("source", x))), 1e-4);
            }
            ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(file));
            assertTrue(proto.getGraph().getNodeList().stream().anyMatch(node -> node.getOpType().equals("Mul")
                    && node.getInput(0).equals("source")), "the input is scaled in the graph");
        }

        // Images: shapes at 8x8, a convolution.
        TrainConfig shapes = tiny(TranslatorGameProvider.NAME, "shapes", Map.of("size", "8", "samples", "96")).build();
        Path images = dir.resolve("shapes-translator.onnx");
        try (TrainedGan gan = train(shapes)) {
            gan.exportOnnx(images);
            float[] source = new float[4 * 64];
            for (int i = 0; i < source.length; i++) {
                source[i] = (float) Math.sin(i * 0.37);
            }
            float[] fromModel = gan.model().sample(ProductInputs.draw(gan.model().product(), 4, 0, Noise.SAMPLING, -1,
                    Map.of("source", source)));
            try (OnnxGenerator g = OnnxGenerator.open(images, 1)) {
                assertEquals(List.of(GeneratorInput.image("source", 1, 8, 8)), g.inputs());
                assertArrayEquals(new long[] {1, 8, 8}, g.metadata().sampleShape());
                assertClose(fromModel, g.generate(g.draw(4, 0, -1, Map.of("source", source))), 1e-4);
            }
            assertEquals("the product takes an image ('source'); give the images to translate instead of drawing"
                    + " them", assertThrows(org.gan4j.api.ConfigException.class, () -> gan.sample(2)).getMessage());
        }
    }

    @Test
    void anInputNamedLikeTheOutputIsRefusedWithTheFix() {
        Product p = new Product("translator",
                List.of(new ProductInput("image", ProductInput.Kind.IMAGE, new Shape(1, 4, 4), 0)), new Shape(1, 4, 4));
        ExportException e = assertThrows(ExportException.class, () -> ProductMetadata.of(new org.gan4j.api.export
                .TrainedProduct(new ai.djl.nn.SequentialBlock(), p, 1.0, List.of(), TrainConfig.builder().build(), "{}",
                        1, "test")));
        assertEquals("the product's input 'image' has the name of the ONNX file's output ('image'); rename that input"
                + " in the game (e.g. 'source')", e.getMessage());
        assertFalse(Files.exists(dir.resolve("never.onnx")));
    }
}
