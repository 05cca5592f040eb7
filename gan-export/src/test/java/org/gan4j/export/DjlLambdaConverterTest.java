package org.gan4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.models.blocks.ReshapeBlock;
import org.gan4j.onnx.GeneratorMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generators built from DJL's own activation blocks (LambdaBlocks known by name) are exported,
 * checked by the exporter against DJL and here again in ONNX Runtime on wider inputs, with the
 * ONNX ops written asserted; parameters are recovered by probing, blocks whose name lies or that
 * have no known name are refused, and GELU and Mish follow the opset.
 */
class DjlLambdaConverterTest {

    private static final int LATENT = 4;
    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    @TempDir Path dir;

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("ReLU", (Supplier<Block>) Activation::reluBlock, List.of("Relu")),
                Arguments.of("ReLU6", (Supplier<Block>) Activation::relu6Block, List.of("Clip")),
                Arguments.of("sigmoid", (Supplier<Block>) Activation::sigmoidBlock, List.of("Sigmoid")),
                Arguments.of("Tanh", (Supplier<Block>) Activation::tanhBlock, List.of("Tanh")),
                Arguments.of("softPlus", (Supplier<Block>) Activation::softPlusBlock, List.of("Softplus")),
                Arguments.of("softSign", (Supplier<Block>) Activation::softSignBlock, List.of("Softsign")),
                Arguments.of("LeakyReLU", (Supplier<Block>) () -> Activation.leakyReluBlock(0.2f), List.of("LeakyRelu")),
                Arguments.of("ELU", (Supplier<Block>) () -> Activation.eluBlock(0.7f), List.of("Elu")),
                Arguments.of("SELU", (Supplier<Block>) Activation::seluBlock, List.of("Selu")),
                // Exact GELU below opset 20: x / sqrt 2, Erf, + 1, times x, times 0.5.
                Arguments.of("GELU", (Supplier<Block>) Activation::geluBlock, List.of("Mul", "Erf", "Add", "Mul", "Mul")),
                Arguments.of("Swish", (Supplier<Block>) () -> Activation.swishBlock(1.5f), List.of("Mul", "Sigmoid", "Mul")),
                // DJL's Mish has a base-2 logarithm: exp, + 1, log, / ln 2, tanh, times x.
                Arguments.of("Mish", (Supplier<Block>) Activation::mishBlock,
                        List.of("Exp", "Add", "Log", "Mul", "Tanh", "Mul")),
                Arguments.of("identity", (Supplier<Block>) Blocks::identityBlock, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void eachDjlActivationExportsAsItsOnnxOps(String name, Supplier<Block> activation, List<String> ops) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block act = activation.get();
            assertEquals(name, ((LambdaBlock) act).getName(), "DJL's name for the block");
            Block g = build(m, 11, Linear.builder().setUnits(6).build(), act);
            Path file = dir.resolve(name + ".onnx");
            ExportReport report = OnnxExporter.builder().build().export(g, metadata(6), 1f, file);
            assertTrue(report.maxAbsDifference() <= 1e-4, "exporter's own check: " + report.maxAbsDifference());

            List<String> expected = new ArrayList<>(List.of("Gemm"));
            expected.addAll(ops);
            expected.add("Identity");
            assertEquals(expected, opTypes(file));

            // Wider inputs than the exporter's check, reaching both tails of every activation.
            float[] z = gaussian(16 * LATENT, 2.0, 5);
            float[] pre = forward(g.getChildren().get(0).getValue(), z, 16);
            double low = Double.MAX_VALUE;
            double high = -Double.MAX_VALUE;
            for (float v : pre) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            assertTrue(low < -6 && high > 6.5, "pre-activations span " + low + " to " + high);
            assertMatchesOnnxRuntime(g, file, z, 16);
        }
    }

    @Test
    void aGeneratorMixingSeveralDjlBlocksExports() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = build(m, 12,
                    Linear.builder().setUnits(24).build(), Activation.leakyReluBlock(0.2f),
                    Linear.builder().setUnits(24).build(), Activation.geluBlock(),
                    Linear.builder().setUnits(24).build(), Activation.swishBlock(1.5f),
                    Linear.builder().setUnits(12).build(), new ReshapeBlock(new Shape(3, 4)), Blocks.batchFlattenBlock(),
                    Linear.builder().setUnits(12).build(), Activation.eluBlock(0.5f), Blocks.identityBlock(),
                    Linear.builder().setUnits(12).build(), Activation.mishBlock(),
                    Linear.builder().setUnits(12).build(), Activation.seluBlock(),
                    Linear.builder().setUnits(6).build(), Activation.tanhBlock());
            Path file = dir.resolve("mixed.onnx");
            ExportReport report = OnnxExporter.builder().build().export(g, metadata(6), 1f, file);
            assertTrue(report.maxAbsDifference() <= 1e-4, "" + report.maxAbsDifference());
            assertEquals(List.of("Gemm", "LeakyRelu",
                    "Gemm", "Mul", "Erf", "Add", "Mul", "Mul",
                    "Gemm", "Mul", "Sigmoid", "Mul",
                    "Gemm", "Reshape", "Flatten",
                    "Gemm", "Elu",
                    "Gemm", "Exp", "Add", "Log", "Mul", "Tanh", "Mul",
                    "Gemm", "Selu",
                    "Gemm", "Tanh", "Identity"), opTypes(file));
            float[] z = gaussian(8 * LATENT, 1.5, 6);
            assertMatchesOnnxRuntime(g, file, z, 8);
        }
    }

    @Test
    void parametersAreProbedFromEachBlock() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            // Xavier's own weights: seven layers at 3 times them reach values in the thousands, where
            // float32 rounding alone exceeds the exporter's absolute tolerance.
            Block g = build(m, 13, 1,
                    Linear.builder().setUnits(8).build(), Activation.leakyReluBlock(0.1f),
                    Linear.builder().setUnits(8).build(), Activation.leakyReluBlock(0.3f),
                    Linear.builder().setUnits(8).build(), Activation.eluBlock(0.5f),
                    Linear.builder().setUnits(8).build(), Activation.eluBlock(1.3f),
                    Linear.builder().setUnits(8).build(), Activation.swishBlock(1f),
                    Linear.builder().setUnits(8).build(), Activation.swishBlock(2.5f),
                    Linear.builder().setUnits(6).build(), Activation.swishBlock(-0.5f));
            Path file = dir.resolve("params.onnx");
            OnnxExporter.builder().build().export(g, metadata(6), 1f, file);
            ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
            // -f(-1) and -f(-30) are the alphas exactly.
            assertEquals(List.of(0.1f, 0.3f), floatAttributes(model, "LeakyRelu", "alpha"));
            assertEquals(List.of(0.5f, 1.3f), floatAttributes(model, "Elu", "alpha"));
            // Swish's beta is fitted through a logit to a few ulps, then taken as the shortest decimal
            // within them: 1 (which needs no Mul; the fit gives 0.99999994), 2.5 and -0.5.
            List<Float> betas = model.getGraph().getInitializerList().stream()
                    .filter(t -> t.getName().endsWith(".beta"))
                    .map(DjlLambdaConverterTest::scalarValue)
                    .toList();
            assertEquals(List.of(2.5f, -0.5f), betas);
            assertEquals(3, opTypes(file).stream().filter("Sigmoid"::equals).count());
        }
    }

    @Test
    void aLambdaBlockWithoutADjlNameIsRefusedWithItsNamePlaceAndFix() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = build(m, 14, Linear.builder().setUnits(6).build(),
                    new LambdaBlock(l -> new NDList(l.singletonOrThrow().mul(2))));
            Path file = dir.resolve("anonymous.onnx");
            ExportException e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().build().export(g, metadata(6), 1f, file));
            assertEquals("no ONNX converter for block ai.djl.nn.LambdaBlock 'anonymous' (at generator/02LambdaBlock):"
                    + " a LambdaBlock hides what it computes, and gan4j translates only DJL's named ones (ReLU, ReLU6,"
                    + " sigmoid, Tanh, softPlus, softSign, LeakyReLU, ELU, SELU, GELU, Swish, Mish, batchFlatten,"
                    + " identity); use one of those (ai.djl.nn.Activation's blocks, ai.djl.nn.Blocks.batchFlattenBlock())"
                    + " or a named block class with a converter: implement org.gan4j.api.export.BlockConverter for it,"
                    + " list the class in META-INF/services/org.gan4j.api.export.BlockConverter, and put its jar in a"
                    + " plugin folder or on the class path", e.getMessage());
            assertFalse(Files.exists(file));

            Block named = build(m, 14, Linear.builder().setUnits(6).build(),
                    new LambdaBlock(l -> new NDList(l.singletonOrThrow().mul(2)), "double"));
            e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().build().export(named, metadata(6), 1f, file));
            assertTrue(e.getMessage().startsWith(
                    "no ONNX converter for block ai.djl.nn.LambdaBlock 'double' (at generator/02LambdaBlock): "), e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aLambdaBlockWhoseNameLiesIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Named ReLU, computes sigmoid.
            Block g = build(m, 15, Linear.builder().setUnits(6).build(),
                    new LambdaBlock(l -> new NDList(l.singletonOrThrow().getNDArrayInternal().sigmoid()), "ReLU"));
            Path file = dir.resolve("lying.onnx");
            ExportException e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().build().export(g, metadata(6), 1f, file));
            assertEquals("cannot export block ai.djl.nn.LambdaBlock 'ReLU' (at generator/02LambdaBlock): it is named as"
                    + " DJL's ReLU but does not compute ReLU: it gives 0.000911051 at -7, not 0.00000; give it another"
                    + " name, or make it a block class of its own with a converter: implement"
                    + " org.gan4j.api.export.BlockConverter for it, list the class in"
                    + " META-INF/services/org.gan4j.api.export.BlockConverter, and put its jar in a plugin folder or on"
                    + " the class path", e.getMessage());
            assertFalse(Files.exists(file));

            // Named LeakyReLU, computes tanh: alpha = -tanh(-1) fits f(-1), but nothing else.
            Block leaky = build(m, 15, Linear.builder().setUnits(6).build(),
                    new LambdaBlock(l -> new NDList(l.singletonOrThrow().tanh()), "LeakyReLU"));
            e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().build().export(leaky, metadata(6), 1f, file));
            assertTrue(e.getMessage().contains("'LeakyReLU' (at generator/02LambdaBlock): it is named as DJL's LeakyReLU"
                    + " but does not compute LeakyReLU with alpha = -f(-1) = 0.7615942: it gives -1.00000 at -30, not -22.8478;"),
                    e.getMessage());

            // Named Tanh and computing it, but summed over the batch: not element-wise.
            Block mixing = build(m, 15, Linear.builder().setUnits(6).build(),
                    new LambdaBlock(l -> new NDList(l.singletonOrThrow().tanh().cumSum(0)), "Tanh"));
            e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().build().export(mixing, metadata(6), 1f, file));
            assertTrue(e.getMessage().contains("it is named as DJL's Tanh but does not compute Tanh: it is not element-wise"),
                    e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    static Stream<Arguments> byOpset() {
        Supplier<Block> geluTanh = () -> LambdaBlock.singleton(x -> x.mul(0.5).mul(
                x.pow(3).mul(0.044715).add(x).mul(Math.sqrt(2 / Math.PI)).tanh().add(1)), "GELU");
        Supplier<Block> usualMish = () -> LambdaBlock.singleton(x -> x.mul(x.exp().add(1).log().tanh()), "Mish");
        return Stream.of(
                Arguments.of("DJL GELU", (Supplier<Block>) Activation::geluBlock, 17, List.of("Mul", "Erf", "Add", "Mul", "Mul"), ""),
                Arguments.of("DJL GELU", (Supplier<Block>) Activation::geluBlock, 20, List.of("Gelu"), ""),
                Arguments.of("DJL GELU", (Supplier<Block>) Activation::geluBlock, 21, List.of("Gelu"), ""),
                Arguments.of("tanh GELU", geluTanh, 17,
                        List.of("Mul", "Mul", "Mul", "Add", "Mul", "Tanh", "Add", "Mul", "Mul"), ""),
                Arguments.of("tanh GELU", geluTanh, 20, List.of("Gelu"), "tanh"),
                // DJL's log2 Mish is not ONNX's Mish at any opset.
                Arguments.of("DJL Mish", (Supplier<Block>) Activation::mishBlock, 17,
                        List.of("Exp", "Add", "Log", "Mul", "Tanh", "Mul"), ""),
                Arguments.of("DJL Mish", (Supplier<Block>) Activation::mishBlock, 18,
                        List.of("Exp", "Add", "Log", "Mul", "Tanh", "Mul"), ""),
                Arguments.of("usual Mish", usualMish, 17, List.of("Softplus", "Tanh", "Mul"), ""),
                Arguments.of("usual Mish", usualMish, 18, List.of("Mish"), ""),
                Arguments.of("usual Mish", usualMish, 13, List.of("Softplus", "Tanh", "Mul"), ""));
    }

    @ParameterizedTest(name = "{0} at opset {2}")
    @MethodSource("byOpset")
    void geluAndMishFollowTheOpset(String what, Supplier<Block> activation, int opset, List<String> ops, String approximate)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = build(m, 16, Linear.builder().setUnits(6).build(), activation.get());
            Path file = dir.resolve("opset" + opset + ".onnx");
            ExportReport report = OnnxExporter.builder().optOpset(opset).build().export(g, metadata(6), 1f, file);
            assertTrue(report.maxAbsDifference() <= 1e-4, "" + report.maxAbsDifference());
            List<String> expected = new ArrayList<>(List.of("Gemm"));
            expected.addAll(ops);
            expected.add("Identity");
            assertEquals(expected, opTypes(file));
            ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
            for (NodeProto n : model.getGraph().getNodeList()) {
                if (n.getOpType().equals("Gelu")) {
                    String written = n.getAttributeList().stream().filter(a -> a.getName().equals("approximate"))
                            .map(a -> a.getS().toStringUtf8()).findFirst().orElse("");
                    assertEquals(approximate, written);
                }
            }
            assertMatchesOnnxRuntime(g, file, gaussian(8 * LATENT, 2.0, opset), 8);
        }
    }

    @Test
    void djlMishIsNotTheUsualMish() {
        // Why DJL's mishBlock() is not written as ONNX's Mish: at x = 1 it gives tanh(log2(1 + e)).
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = Activation.mishBlock().forward(new ParameterStore(m, false), new NDList(m.create(new float[] {1f})),
                    false).singletonOrThrow();
            double log2 = Math.log1p(Math.E) / Math.log(2);
            assertEquals(Math.tanh(log2), y.getFloat(0), 1e-6);
            assertTrue(Math.abs(y.getFloat(0) - Math.tanh(Math.log1p(Math.E))) > 0.05);
        }
    }

    /** A SequentialBlock of the layers, initialized, with weights 3 times Xavier's to reach the activations' tails. */
    private static Block build(NDManager m, int seed, Block... layers) {
        return build(m, seed, 3, layers);
    }

    /** A SequentialBlock of the layers, initialized, with Xavier's weights times a scale. */
    private static Block build(NDManager m, int seed, float weightScale, Block... layers) {
        SequentialBlock g = new SequentialBlock();
        for (Block b : layers) {
            g.add(b);
        }
        Engine.getInstance().setRandomSeed(seed);
        g.initialize(m, DataType.FLOAT32, new Shape(4, LATENT));
        for (var p : g.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                p.getValue().getArray().muli(weightScale);
            }
        }
        return g;
    }

    private static GeneratorMetadata metadata(int features) {
        return Generators.metadata(new ModelSpec(LATENT, new Shape(features), 0), "djl-blocks");
    }

    private static float[] gaussian(int n, double scale, long seed) {
        Random random = new Random(seed);
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (random.nextGaussian() * scale);
        }
        return z;
    }

    private static float[] forward(Block block, float[] z, int n) {
        try (NDManager scratch = NDManager.newBaseManager()) {
            NDArray y = block.forward(new ParameterStore(scratch, false), new NDList(scratch.create(z, new Shape(n, LATENT))),
                    false).singletonOrThrow();
            return y.toFloatArray();
        }
    }

    /** ONNX Runtime, all optimizations on, against DJL's inference-mode forward pass. */
    private static void assertMatchesOnnxRuntime(Block g, Path file, float[] z, int n) throws Exception {
        float[] expected = OnnxExporter.djlForward(g, z, n, LATENT, null, 1f);
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = ORT.createSession(file.toString(), so)) {
                float[] actual = OnnxRoundTripTest.run(session, z, n, LATENT, null);
                assertEquals(expected.length, actual.length);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "value " + i);
                }
            }
        }
    }

    private static List<String> opTypes(Path file) throws Exception {
        return ModelProto.parseFrom(Files.readAllBytes(file)).getGraph().getNodeList().stream()
                .map(NodeProto::getOpType).toList();
    }

    private static List<Float> floatAttributes(ModelProto model, String opType, String attribute) {
        return model.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals(opType))
                .flatMap(n -> n.getAttributeList().stream())
                .filter(a -> a.getName().equals(attribute))
                .map(AttributeProto::getF)
                .toList();
    }

    private static float scalarValue(TensorProto t) {
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
    }
}
