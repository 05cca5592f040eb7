package org.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OnnxFeatures} on small ONNX models built from ONNX's protobuf classes, whose arithmetic
 * is simple enough to check by hand.
 */
class OnnxFeaturesTest {

    @TempDir Path dir;

    /** A float tensor's value info; a negative dimension is symbolic ("N"). */
    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    private static NodeProto node(String op, String[] in, String out, AttributeProto... attributes) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(out + "_" + op).addOutput(out);
        for (String i : in) {
            b.addInput(i);
        }
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        return b.build();
    }

    private static AttributeProto axis(long v) {
        return AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private Path write(String name, GraphProto graph) throws IOException {
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setProducerName("gan4j-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build();
        return Files.write(dir.resolve(name), model.toByteArray());
    }

    /** features = Flatten(images): the prepared input itself. */
    private Path flatten(long... inputShape) throws IOException {
        return write("flatten.onnx", GraphProto.newBuilder().setName("flatten")
                .addInput(value("images", inputShape))
                .addNode(node("Flatten", new String[] {"images"}, "features", axis(1)))
                .addOutput(value("features", -1, -1))
                .build());
    }

    /** Two outputs: "raw" = Flatten(images); "pooled" = Flatten(GlobalAveragePool(Conv1x1(images; w=2, b=0.5))). */
    private Path conv() throws IOException {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(1).addDims(1).addDims(1).addDims(1).addFloatData(2f).build();
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(1).addFloatData(0.5f).build();
        return write("conv.onnx", GraphProto.newBuilder().setName("conv")
                .addInput(value("x", -1, 1, 4, 4))
                .addInitializer(w).addInitializer(b)
                .addNode(node("Flatten", new String[] {"x"}, "raw", axis(1)))
                .addNode(node("Conv", new String[] {"x", "w", "b"}, "c"))
                .addNode(node("GlobalAveragePool", new String[] {"c"}, "p"))
                .addNode(node("Flatten", new String[] {"p"}, "pooled", axis(1)))
                .addOutput(value("raw", -1, 16))
                .addOutput(value("pooled", -1, 1))
                .build());
    }

    private static float[] ramp(int n, float offset) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(0.37 * i + offset);
        }
        return x;
    }

    @Test
    void theNamedOutputIsTheHandComputation() throws IOException {
        float[][] images = new float[37][];
        for (int i = 0; i < images.length; i++) {
            images[i] = ramp(16, i);
        }
        try (OnnxFeatures f = OnnxFeatures.open(conv(), "pooled", OnnxFeatures.Range.MINUS_ONE_TO_ONE,
                        new long[] {1, 4, 4});
                OnnxFeatures first = OnnxFeatures.open(conv(), null, OnnxFeatures.Range.ZERO_TO_255,
                        new long[] {1, 4, 4})) {
            assertEquals(1, f.dimension());
            float[][] pooled = f.extract(images).features();
            assertEquals(37, pooled.length, "batches of 32 and a partial one");
            for (int i = 0; i < images.length; i++) {
                double mean = 0;
                for (float v : images[i]) {
                    mean += v;
                }
                assertEquals(2 * mean / 16 + 0.5, pooled[i][0], 1e-5);
            }
            assertEquals(16, first.dimension(), "the first output, 'raw'");
            assertTrue(first.description().contains("'raw'") && first.description().contains("0..255"), first.description());
            float[] raw = first.extract(images).features()[5];
            for (int j = 0; j < 16; j++) {
                assertEquals((images[5][j] + 1) * 127.5f, raw[j], 1e-4);
            }
        }
    }

    @Test
    void resizesBilinearlyLikePyTorchAndRepeatsOneChannelToThree() throws IOException {
        float[] image = new float[16];
        for (int h = 0; h < 4; h++) {
            for (int w = 0; w < 4; w++) {
                image[h * 4 + w] = (float) Math.sin(0.3 * h + 0.7 * w);
            }
        }
        // torch.nn.functional.interpolate(x, size=(6, 5), mode="bilinear", align_corners=False) of
        // that image, printed by /usr/bin/python3 (torch 1.13).
        float[] torch = {
            0.0000000f, 0.4509524f, 0.8148337f, 0.9487776f, 0.8632094f, 0.1477601f, 0.5643191f, 0.8657008f,
            0.9227909f, 0.7693363f, 0.3403739f, 0.7053854f, 0.9198778f, 0.8747905f, 0.6341159f, 0.5197888f,
            0.8161839f, 0.9331178f, 0.7867358f, 0.4687271f, 0.6739847f, 0.8892916f, 0.9045336f, 0.6645258f,
            0.2842499f, 0.7833269f, 0.9346996f, 0.8726394f, 0.5643296f, 0.1411200f};
        assertArrayEquals(torch, OnnxFeatures.resize(image, 4, 4, 6, 5), 1e-6f);
        try (OnnxFeatures f = OnnxFeatures.open(flatten(-1, 3, 6, 5), null, OnnxFeatures.Range.ZERO_TO_ONE,
                new long[] {1, 4, 4})) {
            float[] features = f.extract(new float[][] {image}).features()[0];
            assertEquals(90, features.length);
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 30; j++) {
                    assertEquals((torch[j] + 1) / 2, features[c * 30 + j], 1e-6, "channel " + c + " value " + j);
                }
            }
        }
    }

    @Test
    void channelsLastModelsGetNhwc() throws IOException {
        float[] image = ramp(3 * 2 * 2, 0.5f); // [C=3, H=2, W=2]
        try (OnnxFeatures f = OnnxFeatures.open(flatten(1, 2, 2, 3), null, OnnxFeatures.Range.MINUS_ONE_TO_ONE,
                new long[] {3, 2, 2})) {
            assertTrue(f.description().contains("NHWC"), f.description());
            float[][] out = f.extract(new float[][] {image, image, image}).features();
            assertEquals(3, out.length, "a model with batch 1 runs one image at a time");
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(image[c * 4 + y * 2 + x], out[2][(y * 2 + x) * 3 + c], 0f);
                    }
                }
            }
        }
    }

    @Test
    void badFilesAndShapesGetOneLineErrors() throws IOException {
        long[] gray = {1, 4, 4};
        String missing = assertThrows(ConfigException.class, () -> OnnxFeatures.open(dir.resolve("no.onnx"), null,
                OnnxFeatures.Range.MINUS_ONE_TO_ONE, gray)).getMessage();
        assertTrue(missing.contains("does not exist"), missing);
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        String notOnnx = assertThrows(ConfigException.class, () -> OnnxFeatures.open(junk, null,
                OnnxFeatures.Range.MINUS_ONE_TO_ONE, gray)).getMessage();
        assertTrue(notOnnx.contains("is not an ONNX model"), notOnnx);
        assertTrue(!notOnnx.contains("\n"), notOnnx);
        String rank = assertThrows(ConfigException.class, () -> OnnxFeatures.open(flatten(-1, 16), null,
                OnnxFeatures.Range.MINUS_ONE_TO_ONE, gray)).getMessage();
        assertTrue(rank.contains("has rank 2") && rank.contains("needs rank 4"), rank);
        String channels = assertThrows(ConfigException.class, () -> OnnxFeatures.open(flatten(-1, 3, 4, 4), null,
                OnnxFeatures.Range.MINUS_ONE_TO_ONE, new long[] {2, 4, 4})).getMessage();
        assertTrue(channels.contains("wants 3 channels") && channels.contains("have 2"), channels);
        String output = assertThrows(ConfigException.class, () -> OnnxFeatures.open(conv(), "logits",
                OnnxFeatures.Range.MINUS_ONE_TO_ONE, gray)).getMessage();
        assertTrue(output.contains("no output 'logits'") && output.contains("pooled"), output);
        String range = assertThrows(ConfigException.class, () -> OnnxFeatures.Range.parse("0..2")).getMessage();
        assertTrue(range.contains("-1..1, 0..1 or 0..255"), range);
    }
}
