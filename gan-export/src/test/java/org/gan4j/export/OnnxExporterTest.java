package org.gan4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.export.converters.ActivationConverter;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.onnx.GeneratorMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxExporterTest {

    @TempDir Path dir;

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 17, 18, 21})
    void aThirdPartyBlockExportsThroughItsOwnConverterAtEveryOpset(int opset) throws Exception {
        ModelSpec spec = new ModelSpec(5, new Shape(1, 3, 3), 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = Generators.build(m, "test-custom", spec, Map.of(), 3);
            Path file = dir.resolve("custom.onnx");
            ExportReport r = OnnxExporter.builder().optOpset(opset).build()
                    .export(g, Generators.metadata(spec, "test-custom"), 1f, file);
            assertTrue(r.maxAbsDifference() <= 1e-4, "" + r.maxAbsDifference());
            assertEquals(opset, r.opset());
            assertEquals(opset <= 14 ? 7 : opset <= 18 ? 8 : opset <= 20 ? 9 : 10, r.irVersion());
            // The custom block's Sin and Maxout's ReduceMax are in the graph.
            var model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
            List<String> ops = model.getGraph().getNodeList().stream().map(n -> n.getOpType()).toList();
            assertTrue(ops.contains("Sin") && ops.contains("ReduceMax"), ops.toString());
            assertEquals(opset, model.getOpsetImport(0).getVersion());
        }
    }

    /** A block nobody wrote a converter for. */
    static final class Mystery extends AbstractBlock {
        Mystery() {
            super((byte) 1);
        }

        @Override
        protected ai.djl.ndarray.NDList forwardInternal(ai.djl.training.ParameterStore ps, ai.djl.ndarray.NDList in,
                boolean training, ai.djl.util.PairList<String, Object> params) {
            return in;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    @Test
    void aBlockWithoutAConverterIsNamedWithHowToAddOne() {
        SequentialBlock g = new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(new Mystery());
        try (NDManager m = NDManager.newBaseManager()) {
            g.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 3));
            Path file = dir.resolve("g.onnx");
            GeneratorMetadata md = Generators.metadata(new ModelSpec(3, new Shape(4), 0), "x");
            ExportException e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().build().export(g, md, 1f, file));
            assertEquals("no ONNX converter for block org.gan4j.export.OnnxExporterTest$Mystery (at generator/02Mystery);"
                    + " add one: implement org.gan4j.api.export.BlockConverter for it, list the class in"
                    + " META-INF/services/org.gan4j.api.export.BlockConverter, and put its jar in a plugin folder or on the class path",
                    e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aWrongConverterFailsTheCheckAndNothingIsWritten() throws Exception {
        // Tanh written as Sigmoid: the graph is valid ONNX, but computes something else.
        BlockConverter wrong = new BlockConverter() {
            @Override
            public String name() {
                return "activation";
            }

            @Override
            public String description() {
                return "wrong";
            }

            @Override
            public Class<? extends Block> blockType() {
                return ActivationBlock.class;
            }

            @Override
            public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
                ActivationBlock a = (ActivationBlock) block;
                return a.kind() == ActivationBlock.Kind.TANH
                        ? List.of(graph.node("Sigmoid", inputs, Map.of()))
                        : new ActivationConverter().convert(block, inputs, graph);
            }
        };
        List<BlockConverter> converters = new ArrayList<>();
        ConverterRegistry.load(getClass().getClassLoader()).all().stream()
                .filter(c -> !c.name().equals("activation"))
                .forEach(converters::add);
        converters.add(wrong);
        ModelSpec spec = new ModelSpec(4, new Shape(3), 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = Generators.build(m, "test-custom", spec, Map.of(), 1);
            Path file = dir.resolve("wrong.onnx");
            Files.writeString(file, "the previous export");
            ExportException e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().optConverters(ConverterRegistry.of(converters)).build()
                            .export(g, Generators.metadata(spec, "test-custom"), 1f, file));
            assertTrue(e.getMessage().startsWith("export check failed: ONNX Runtime and DJL differ by "), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was written to " + file), e.getMessage());
            assertEquals("the previous export", Files.readString(file));
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void uint8OutputMapsMinusOneToOneOnto0To255() throws Exception {
        ModelSpec spec = new ModelSpec(100, new Shape(1, 28, 28), 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = Generators.build(m, "dcgan", spec, Map.of("width", "0.25", "init-std", "0.2"), 5);
            Path file = dir.resolve("u8.onnx");
            ExportReport r = OnnxExporter.builder().optUint8Output(true).build()
                    .export(g, Generators.metadata(spec, "dcgan"), 1f, file);
            assertEquals("uint8", r.metadata().outputType());
            assertEquals("[0, 255]", r.metadata().outputRange());
            float[] z = new float[2 * 100];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) Math.sin(i);
            }
            float[] expected = OnnxExporter.djlForward(g, z, 2, 100, null, 1f);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
                    OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {2, 100});
                    OrtSession.Result res = s.run(Map.of("z", in))) {
                ByteBuffer b = ((OnnxTensor) res.get(0)).getByteBuffer();
                int low = 255;
                int high = 0;
                for (int i = 0; i < expected.length; i++) {
                    int v = b.get(i) & 0xff;
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                    assertTrue(Math.abs(v - (expected[i] + 1) * 127.5) <= 0.5 + 1e-3, i + ": " + v + " for " + expected[i]);
                }
                assertTrue(high - low > 100, "range used: " + low + " to " + high);
            }
            GeneratorMetadata vector = Generators.metadata(new ModelSpec(3, new Shape(2), 0), "mlp");
            ExportException e = assertThrows(ExportException.class,
                    () -> OnnxExporter.builder().optUint8Output(true).build()
                            .export(g, vector, 1f, dir.resolve("v.onnx")));
            assertEquals("uint8 output is for images in [-1, 1]; this generator writes ND in (-inf, inf);"
                    + " export it as float32", e.getMessage());
        }
    }

    @Test
    void theOutputScaleTurnsModelUnitsIntoDataUnits() throws Exception {
        ModelSpec spec = new ModelSpec(3, new Shape(2), 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = Generators.build(m, "mlp", spec, Map.of(), 2);
            Path file = dir.resolve("scaled.onnx");
            OnnxExporter.builder().build().export(g, Generators.metadata(spec, "mlp"), 2.5f, file);
            float[] z = {0.1f, -0.4f, 1.2f};
            float[] model = OnnxExporter.djlForward(g, z, 1, 3, null, 1f);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
                    OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {1, 3});
                    OrtSession.Result res = s.run(Map.of("z", in))) {
                float[] out = new float[2];
                ((OnnxTensor) res.get(0)).getFloatBuffer().get(out);
                assertEquals(model[0] * 2.5f, out[0], 1e-5);
                assertEquals(model[1] * 2.5f, out[1], 1e-5);
            }
        }
    }

    @Test
    void opsetsOutsideTheSupportedRangeAreRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExporter.builder().optOpset(9));
        assertEquals("opset 9 is not supported; gan4j writes opsets 13 to 21 (default 17)", e.getMessage());
    }
}
