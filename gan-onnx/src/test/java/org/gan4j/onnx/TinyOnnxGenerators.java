package org.gan4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small ONNX generators that keep the exporter's contract ({@link GeneratorMetadata}), built
 * straight from ONNX's protobuf classes so that sampling can be tested without the exporter, and
 * the arithmetic they do, in plain Java, to check ONNX Runtime's results against.
 *
 * <p>The graph joins its inputs in order into one vector a sample: a float input flattened, a
 * categorical one as a learned embedding of its class ({@code Gather(E, label)}); then {@code
 * image = Reshape(Tanh(Gemm(x, W, b)))}. The generator of z alone is {@code Reshape(Tanh(Gemm(z, W,
 * b)))}, a conditional one joins {@code Concat(z, Gather(E, label))}. With {@code uint8} output the
 * graph ends in {@code Cast<uint8>((t + 1) * 127.5)} (truncating). Weights are drawn from a fixed
 * seed. Opset 17, IR version 8. The graph's own values are named {@code tiny.*}, clear of any input's name.
 */
public final class TinyOnnxGenerators {

    /** Length of the embedding of a categorical input. */
    public static final int EMBEDDING = 2;

    private TinyOnnxGenerators() {}

    /**
     * A tiny generator: its model and what it computes.
     *
     * @param metadata the metadata it carries
     * @param weights W, [in, sampleSize], row-major; in = the inputs' joined length
     * @param bias b, [sampleSize]
     * @param embeddings E of each categorical input, in order, [classes, {@link #EMBEDDING}] each
     * @param model the ONNX model, metadata included
     */
    public record Tiny(GeneratorMetadata metadata, float[] weights, float[] bias, List<float[]> embeddings,
            ModelProto model) {

        /** @return the serialized model */
        public byte[] bytes() {
            return model.toByteArray();
        }

        /**
         * Writes the model.
         *
         * @param file the target
         * @return the file
         * @throws IOException if it cannot be written
         */
        public Path write(Path file) throws IOException {
            return Files.write(file, bytes());
        }

        /**
         * The same model with other metadata_props.
         *
         * @param properties the new metadata_props, replacing all of them
         * @return the serialized model
         */
        public byte[] withProperties(Map<String, String> properties) {
            ModelProto.Builder b = model.toBuilder().clearMetadataProps();
            properties.forEach((k, v) -> b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
            return b.build().toByteArray();
        }

        /**
         * What the graph of a generator of z (and a label) computes, in plain Java.
         *
         * @param z {@code n * latent} values
         * @param n samples
         * @param labels n labels, or null if unconditional
         * @return {@code n * sampleSize} values
         */
        public float[] expected(float[] z, int n, int[] labels) {
            List<float[]> floats = new ArrayList<>();
            List<int[]> ints = new ArrayList<>();
            for (GeneratorInput in : metadata.inputs()) {
                floats.add(in.categorical() ? null : z);
                ints.add(in.categorical() ? labels : null);
            }
            return expected(new InputValues(metadata.inputs(), n, floats, ints));
        }

        /**
         * What the graph computes, in plain Java (float32 like ONNX Runtime, tanh in double).
         *
         * @param values the values of every input
         * @return {@code count * sampleSize} values
         */
        public float[] expected(InputValues values) {
            int n = values.count();
            int in = joinedLength(metadata.inputs());
            int size = (int) metadata.sampleSize();
            boolean uint8 = metadata.outputType().equals("uint8");
            float[] out = new float[n * size];
            float[] x = new float[in];
            List<GeneratorInput> inputs = metadata.inputs();
            for (int i = 0; i < n; i++) {
                int at = 0;
                int e = 0;
                for (int k = 0; k < inputs.size(); k++) {
                    GeneratorInput input = inputs.get(k);
                    if (input.categorical()) {
                        int label = values.ints().get(k)[i];
                        System.arraycopy(embeddings.get(e++), label * EMBEDDING, x, at, EMBEDDING);
                        at += EMBEDDING;
                    } else {
                        System.arraycopy(values.floats().get(k), i * input.size(), x, at, input.size());
                        at += input.size();
                    }
                }
                for (int j = 0; j < size; j++) {
                    float s = 0;
                    for (int k = 0; k < in; k++) {
                        s += x[k] * weights[k * size + j];
                    }
                    float t = (float) Math.tanh(s + bias[j]);
                    out[i * size + j] = uint8 ? (float) (int) ((t + 1f) * 127.5f) : t;
                }
            }
            return out;
        }
    }

    private static int joinedLength(List<GeneratorInput> inputs) {
        int n = 0;
        for (GeneratorInput in : inputs) {
            n += in.categorical() ? EMBEDDING : in.size();
        }
        return n;
    }

    /**
     * An unconditional float32 generator.
     *
     * @param latent the latent size
     * @param sampleShape one sample's shape, e.g. {1, 2, 2} or {2}
     * @return the generator
     */
    public static Tiny unconditional(int latent, long... sampleShape) {
        return build(latent, 0, sampleShape, false, 1);
    }

    /**
     * A conditional float32 generator.
     *
     * @param latent the latent size
     * @param classes the number of classes
     * @param sampleShape one sample's shape
     * @return the generator
     */
    public static Tiny conditional(int latent, int classes, long... sampleShape) {
        return build(latent, classes, sampleShape, false, 2);
    }

    /**
     * A generator of z and, with classes, a label.
     *
     * @param latent the latent size
     * @param classes the number of classes, 0 for unconditional
     * @param sampleShape one sample's shape: [C, H, W] gives layout NCHW, anything else ND
     * @param uint8 whether the output is uint8 pixels 0 to 255 instead of float32 in [-1, 1]
     * @param seed the weights' seed
     * @return the generator
     */
    public static Tiny build(int latent, int classes, long[] sampleShape, boolean uint8, long seed) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class-" + k);
        }
        GeneratorMetadata metadata = new GeneratorMetadata(
                latent, "normal(0, 1)", classes, names, sampleShape,
                sampleShape.length == 3 ? "NCHW" : "ND",
                uint8 ? "uint8" : "float32",
                uint8 ? "[0, 255]" : "[-1, 1]",
                Map.of("source", "TinyOnnxGenerators", "seed", Long.toString(seed)));
        return build(metadata, seed);
    }

    /**
     * A float32 generator of any inputs.
     *
     * @param inputs its inputs, in order
     * @param sampleShape one sample's shape: [C, H, W] gives layout NCHW, anything else ND
     * @param seed the weights' seed
     * @return the generator
     */
    public static Tiny of(List<GeneratorInput> inputs, long[] sampleShape, long seed) {
        return build(new GeneratorMetadata(inputs, List.of(), sampleShape, sampleShape.length == 3 ? "NCHW" : "ND",
                "float32", "[-1, 1]", Map.of("source", "TinyOnnxGenerators", "seed", Long.toString(seed))), seed);
    }

    /**
     * The generator a metadata describes.
     *
     * @param metadata its inputs, output and the rest of its metadata
     * @param seed the weights' seed
     * @return the generator
     */
    public static Tiny build(GeneratorMetadata metadata, long seed) {
        long[] sampleShape = metadata.sampleShape();
        boolean uint8 = metadata.outputType().equals("uint8");
        int size = (int) metadata.sampleSize();
        int in = joinedLength(metadata.inputs());
        SplittableRandom random = new SplittableRandom(seed);
        float scale = (float) (1.5 / Math.sqrt(in));
        float[] w = uniform(random, in * size, scale);
        float[] b = uniform(random, size, 0.2f);
        List<float[]> embeddings = new ArrayList<>();

        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny-generator");
        List<String> parts = new ArrayList<>();
        for (GeneratorInput input : metadata.inputs()) {
            long[] dims = new long[input.shape().length + 1];
            dims[0] = -1;
            System.arraycopy(input.shape(), 0, dims, 1, dims.length - 1);
            if (input.categorical()) {
                g.addInput(valueInfo(input.name(), TensorProto.DataType.INT64, -1));
                float[] e = uniform(random, input.classes() * EMBEDDING, 1f);
                embeddings.add(e);
                String table = "tiny.E_" + input.name();
                g.addInitializer(floats(table, e, input.classes(), EMBEDDING));
                g.addNode(node("Gather", List.of(table, input.name()), "tiny.embedded_" + input.name(), intAttr("axis", 0)));
                parts.add("tiny.embedded_" + input.name());
            } else {
                g.addInput(valueInfo(input.name(), TensorProto.DataType.FLOAT, dims));
                if (input.shape().length == 1) {
                    parts.add(input.name());
                } else {
                    g.addNode(node("Flatten", List.of(input.name()), "tiny.flat_" + input.name(), intAttr("axis", 1)));
                    parts.add("tiny.flat_" + input.name());
                }
            }
        }
        String x = parts.get(0);
        if (parts.size() > 1) {
            g.addNode(node("Concat", parts, "tiny.joined", intAttr("axis", 1)));
            x = "tiny.joined";
        }
        g.addInitializer(floats("tiny.W", w, in, size));
        g.addInitializer(floats("tiny.b", b, size));
        g.addNode(node("Gemm", List.of(x, "tiny.W", "tiny.b"), "tiny.affine"));
        g.addNode(node("Tanh", List.of("tiny.affine"), "tiny.t"));
        x = "tiny.t";
        if (uint8) {
            g.addInitializer(floats("tiny.one", new float[] {1f}));
            g.addInitializer(floats("tiny.half255", new float[] {127.5f}));
            g.addNode(node("Add", List.of(x, "tiny.one"), "tiny.shifted"));
            g.addNode(node("Mul", List.of("tiny.shifted", "tiny.half255"), "tiny.pixels"));
            g.addNode(node("Cast", List.of("tiny.pixels"), "tiny.flat",
                    AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                            .setI(TensorProto.DataType.UINT8_VALUE).build()));
            x = "tiny.flat";
        }
        long[] target = new long[sampleShape.length + 1];
        target[0] = -1;
        System.arraycopy(sampleShape, 0, target, 1, sampleShape.length);
        TensorProto.Builder shape = TensorProto.newBuilder().setName("tiny.shape")
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(target.length);
        for (long d : target) {
            shape.addInt64Data(d);
        }
        g.addInitializer(shape);
        g.addNode(node("Reshape", List.of(x, "tiny.shape"), GeneratorMetadata.OUTPUT));
        g.addOutput(valueInfo(GeneratorMetadata.OUTPUT,
                uint8 ? TensorProto.DataType.UINT8 : TensorProto.DataType.FLOAT, target));

        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("gan4j-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g);
        metadata.toProperties().forEach((k, v) ->
                m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return new Tiny(metadata, w, b, List.copyOf(embeddings), m.build());
    }

    private static float[] uniform(SplittableRandom random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    /** A value's type; a negative dimension is the symbolic batch size N. */
    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0
                    ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static NodeProto node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "-" + op).addOutput(output);
        inputs.forEach(n::addInput);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }
}
