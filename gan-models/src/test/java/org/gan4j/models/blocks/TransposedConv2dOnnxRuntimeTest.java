package org.gan4j.models.blocks;

import static org.gan4j.models.blocks.TransposedConvCase.forward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The block against ONNX Runtime running a one-node ConvTranspose model (opset 17), in float32:
 * ONNX Runtime's CPU ConvTranspose has no float64 kernel, so float64 exactness is checked against
 * the scatter-add definition in {@link TransposedConv2dTest} instead.
 */
class TransposedConv2dOnnxRuntimeTest {

    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    /** A model computing Y = ConvTranspose(X, W[, B]) for the case, all three as graph inputs. */
    static byte[] convTransposeModel(TransposedConvCase c, TensorProto.DataType type) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setName("convTranspose")
                .setOpType("ConvTranspose")
                .addInput("X")
                .addInput("W")
                .addOutput("Y")
                .addAttribute(ints("kernel_shape", c.kernelH(), c.kernelW()))
                .addAttribute(ints("strides", c.strideH(), c.strideW()))
                .addAttribute(ints("pads", c.padH(), c.padW(), c.padH(), c.padW()))
                .addAttribute(ints("output_padding", c.outPadH(), c.outPadW()))
                .addAttribute(ints("dilations", 1, 1))
                .addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT).setI(1));
        GraphProto.Builder graph = GraphProto.newBuilder()
                .setName("conv-transpose")
                .addInput(tensor("X", type, c.inputShape().getShape()))
                .addInput(tensor("W", type, c.weightShape().getShape()))
                // The declared output shape is checked by ONNX Runtime's shape inference.
                .addOutput(tensor("Y", type, c.outputShape().getShape()));
        if (c.bias()) {
            node.addInput("B");
            graph.addInput(tensor("B", type, c.outChannels()));
        }
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setProducerName("gan4j tests")
                .setGraph(graph.addNode(node))
                .build()
                .toByteArray();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static ValueInfoProto tensor(String name, TensorProto.DataType type, long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(s)))
                .build();
    }

    /** ONNX Runtime's output for the case, in float32, on one thread. */
    private static float[] onnxRuntime(TransposedConvCase c, double[][] v) throws OrtException {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = ORT.createSession(convTransposeModel(c, TensorProto.DataType.FLOAT), options)) {
                inputs.put("X", floats(v[0], c.inputShape().getShape()));
                inputs.put("W", floats(v[1], c.weightShape().getShape()));
                if (c.bias()) {
                    inputs.put("B", floats(v[2], c.outChannels()));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
                    float[] out = new float[y.remaining()];
                    y.get(out);
                    return out;
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static OnnxTensor floats(double[] values, long... shape) throws OrtException {
        return OnnxTensor.createTensor(ORT, (FloatBuffer) TransposedConvCase.buffer(values, DataType.FLOAT32), shape);
    }

    @ParameterizedTest
    @EnumSource(value = TransposedConv2d.Form.class, names = {"NATIVE", "SUB_PIXEL"})
    void float32ForwardEqualsOnnxRuntimesConvTranspose(TransposedConv2d.Form form) throws OrtException {
        List<TransposedConvCase> cases = new ArrayList<>(TransposedConv2dTest.cases());
        Random random = new Random(17);
        for (int i = 0; i < 50; i++) {
            cases.add(TransposedConvCase.random(random));
        }
        int seed = 5000;
        double worst = 0;
        for (TransposedConvCase c : cases) {
            double[][] v = c.randomValues(seed++);
            float[] expected = onnxRuntime(c, v);
            try (NDManager m = NDManager.newBaseManager()) {
                TransposedConv2d block = c.initializedBlock(m, DataType.FLOAT32, v[1], v[2], form);
                float[] actual = forward(block, m, m.create(v[0], c.inputShape()).toType(DataType.FLOAT32, false), false)
                        .toFloatArray();
                assertEquals(expected.length, actual.length, c.toString());
                for (int i = 0; i < expected.length; i++) {
                    double error = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
                    worst = Math.max(worst, error);
                    assertTrue(error <= 1e-5, c + " [" + i + "]: block " + actual[i] + ", ONNX Runtime " + expected[i]);
                }
            }
        }
        System.out.printf("TransposedConv2d (%s) vs ONNX Runtime, %d cases: largest relative difference %.2e%n",
                form, cases.size(), worst);
    }
}
