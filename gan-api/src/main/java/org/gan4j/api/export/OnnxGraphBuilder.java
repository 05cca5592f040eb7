package org.gan4j.api.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;

/**
 * The ONNX graph under construction, as {@link BlockConverter}s see it: they add nodes and
 * initializers by name and never touch protobuf. Value names are made unique by the builder.
 *
 * <p>Attribute values may be {@link Integer} or {@link Long} (ONNX INT), {@link Float} or {@link
 * Double} (FLOAT), {@link String} (STRING), {@code int[]} or {@code long[]} (INTS), {@code float[]}
 * (FLOATS).
 */
public interface OnnxGraphBuilder {

    /** @return the ONNX operator-set version being written, e.g. 17 */
    int opset();

    /** @return whether batch normalization should be folded into the preceding layer's weights */
    boolean foldBatchNorm();

    /**
     * Adds a node with one output.
     *
     * @param opType the ONNX operator, e.g. {@code Gemm}
     * @param inputs the input value names; an empty string marks an omitted optional input
     * @param attributes the node's attributes (see the class comment for the value types)
     * @return the output's name
     */
    String node(String opType, List<String> inputs, Map<String, ?> attributes);

    /**
     * Adds a float32 initializer holding an array's values (float64 and float16 are converted).
     *
     * @param nameHint a readable name, e.g. {@code dense1.weight}; the builder makes it unique
     * @param array the values; copied, so the caller keeps ownership
     * @return the initializer's name
     */
    String initializer(String nameHint, NDArray array);

    /**
     * Adds a float32 initializer.
     *
     * @param nameHint a readable name
     * @param shape its shape
     * @param values its values, row-major
     * @return the initializer's name
     */
    String floats(String nameHint, Shape shape, float... values);

    /**
     * Adds a 1-D int64 initializer, e.g. a shape for Reshape or axes for Unsqueeze.
     *
     * @param nameHint a readable name
     * @param values its values
     * @return the initializer's name
     */
    String longs(String nameHint, long... values);

    /**
     * Converts a child block with the converter registered for its type, for blocks made of
     * other blocks.
     *
     * @param child the child block
     * @param inputs the names of its inputs
     * @return the names of its outputs
     */
    List<String> convert(Block child, List<String> inputs);

    /**
     * The static shape of a value, as DJL's shape inference gives it; the batch axis is -1.
     *
     * @param value a value name returned by this builder or given to a converter
     * @return its shape
     */
    Shape shapeOf(String value);

    /**
     * Records the shape of a value made by a converter's own nodes, when later converters need
     * it (the builder records the outputs of every converted block itself).
     *
     * @param value the value's name
     * @param shape its shape, batch axis -1
     */
    void setShape(String value, Shape shape);

    /**
     * Names the parameter arrays of a block for error messages and initializer names.
     *
     * @param block a block of the graph
     * @return its path in the block tree, e.g. {@code generator/02TransposedConv2d}
     */
    String pathOf(Block block);

    /**
     * Convenience: an attribute map in the given order.
     *
     * @param keysAndValues alternating names and values
     * @return the map
     */
    static Map<String, Object> attributes(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attributes take name, value pairs");
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
