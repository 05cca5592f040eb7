package org.gan4j.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.OnnxGraphBuilder;

/**
 * The ONNX graph being exported, written with ONNX's protobuf classes as Tribuo ships them.
 * Converters add nodes through {@link OnnxGraphBuilder}; this class keeps names unique, tracks the
 * static shape of every value, and resolves child blocks to their converters.
 */
final class OnnxGraph implements OnnxGraphBuilder {

    /**
     * The batch used to infer the shapes of trees holding a LambdaBlock: not 1, so that a lambda
     * that squeezes or broadcasts axis 0 is not taken for one that keeps the batch.
     */
    private static final long SHAPE_BATCH = 2;

    private final int opset;
    private final boolean foldBatchNorm;
    private final ConverterRegistry converters;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> used = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<Block, String> paths = new IdentityHashMap<>();

    OnnxGraph(int opset, boolean foldBatchNorm, ConverterRegistry converters) {
        this.opset = opset;
        this.foldBatchNorm = foldBatchNorm;
        this.converters = converters;
    }

    /**
     * Declares a graph input.
     *
     * @param name its name, used as is
     * @param type the element type
     * @param shape its shape; -1 marks the dynamic batch axis, written as the symbol N
     */
    void input(String name, TensorProto.DataType type, Shape shape) {
        used.put(name, 1);
        shapes.put(name, shape);
        graph.addInput(valueInfo(name, type, shape));
    }

    /** Declares a graph output, renaming the value through an Identity node. */
    void output(String value, String name, TensorProto.DataType type) {
        graph.addNode(NodeProto.newBuilder().setName("output").setOpType("Identity").addInput(value).addOutput(name));
        graph.addOutput(valueInfo(name, type, shapeOf(value)));
    }

    /** Records where a block sits in the tree, for names and messages. */
    void registerPaths(Block block, String path) {
        paths.put(block, path);
        for (var child : block.getChildren()) {
            registerPaths(child.getValue(), path + "/" + child.getKey());
        }
    }

    GraphProto.Builder proto() {
        return graph;
    }

    @Override
    public int opset() {
        return opset;
    }

    @Override
    public boolean foldBatchNorm() {
        return foldBatchNorm;
    }

    @Override
    public String node(String opType, List<String> inputs, Map<String, ?> attributes) {
        String output = unique(opType.toLowerCase(java.util.Locale.ROOT));
        NodeProto.Builder n = NodeProto.newBuilder()
                .setName(output)
                .setOpType(opType)
                .addAllInput(inputs)
                .addOutput(output);
        attributes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> n.addAttribute(attribute(e.getKey(), e.getValue())));
        graph.addNode(n);
        return output;
    }

    @Override
    public String initializer(String nameHint, NDArray array) {
        float[] values = array.getDataType() == DataType.FLOAT32
                ? array.toFloatArray()
                : array.toType(DataType.FLOAT32, false).toFloatArray();
        return floats(nameHint, array.getShape(), values);
    }

    @Override
    public String floats(String nameHint, Shape shape, float... values) {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(nameHint + ": shape " + shape + " holds " + shape.size()
                    + " values, got " + values.length);
        }
        String name = unique(nameHint);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        graph.addInitializer(TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addAllDims(dims(shape))
                .setRawData(ByteString.copyFrom(bytes.array())));
        shapes.put(name, shape);
        return name;
    }

    @Override
    public String longs(String nameHint, long... values) {
        String name = unique(nameHint);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length)
                .setRawData(ByteString.copyFrom(bytes.array())));
        shapes.put(name, new Shape(values.length));
        return name;
    }

    @Override
    public List<String> convert(Block child, List<String> inputs) {
        Shape[] inShapes = new Shape[inputs.size()];
        for (int i = 0; i < inShapes.length; i++) {
            inShapes[i] = shapeOf(inputs.get(i));
        }
        List<String> outputs = converters.converterFor(child, pathOf(child)).convert(child, inputs, this);
        Shape[] outShapes = outputShapes(child, inShapes);
        if (outShapes.length != outputs.size()) {
            throw new ExportException(pathOf(child) + " (" + child.getClass().getName() + "): its converter gave "
                    + outputs.size() + " outputs, but the block has " + outShapes.length);
        }
        for (int i = 0; i < outShapes.length; i++) {
            shapes.put(outputs.get(i), outShapes[i]);
        }
        return outputs;
    }

    /**
     * A block's output shapes for inputs whose batch axis is -1. DJL's {@code LambdaBlock} infers
     * shapes by running its function on zeros of the input shapes, which fails on -1; for a tree
     * holding one, the shapes are inferred at a concrete batch of {@value #SHAPE_BATCH} and the
     * batch axis set back to -1 (an axis 0 of another length, from a lambda that does not keep the
     * batch, is left as it is, for the exporter's shape check to report). Other trees keep DJL's
     * own inference with -1, which their blocks support.
     */
    private static Shape[] outputShapes(Block block, Shape[] inShapes) {
        if (!containsLambda(block)) {
            return block.getOutputShapes(inShapes);
        }
        Shape[] concrete = new Shape[inShapes.length];
        for (int i = 0; i < inShapes.length; i++) {
            concrete[i] = withBatch(inShapes[i], -1, SHAPE_BATCH);
        }
        Shape[] out = block.getOutputShapes(concrete);
        for (int i = 0; i < out.length; i++) {
            out[i] = withBatch(out[i], SHAPE_BATCH, -1);
        }
        return out;
    }

    private static Shape withBatch(Shape shape, long from, long to) {
        if (shape.dimension() == 0 || shape.get(0) != from) {
            return shape;
        }
        // A copy: Shape.getShape() hands out the shape's own array.
        long[] dims = shape.getShape().clone();
        dims[0] = to;
        return new Shape(dims);
    }

    private static boolean containsLambda(Block block) {
        if (block instanceof LambdaBlock) {
            return true;
        }
        for (var child : block.getChildren()) {
            if (containsLambda(child.getValue())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Shape shapeOf(String value) {
        Shape s = shapes.get(value);
        if (s == null) {
            throw new IllegalArgumentException("no shape is known for ONNX value '" + value + "'");
        }
        return s;
    }

    @Override
    public void setShape(String value, Shape shape) {
        shapes.put(value, shape);
    }

    @Override
    public String pathOf(Block block) {
        String p = paths.get(block);
        return p == null ? block.getClass().getSimpleName() : p;
    }

    private String unique(String hint) {
        String base = hint.replaceAll("[^A-Za-z0-9_.]", "_");
        int n = used.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "_" + (n - 1);
    }

    private static List<Long> dims(Shape shape) {
        List<Long> d = new ArrayList<>();
        for (long v : shape.getShape()) {
            d.add(v);
        }
        return d;
    }

    static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Shape shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape.getShape()) {
            s.addDim(d < 0
                    ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(s)))
                .build();
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            a.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
        } else if (value instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFrom(s, StandardCharsets.UTF_8));
        } else if (value instanceof long[] v) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long x : v) {
                a.addInts(x);
            }
        } else if (value instanceof int[] v) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (int x : v) {
                a.addInts(x);
            }
        } else if (value instanceof float[] v) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float x : v) {
                a.addFloats(x);
            }
        } else {
            throw new IllegalArgumentException("attribute '" + name + "' has an unsupported type: "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return a.build();
    }
}
