package com.example.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/**
 * Writes a {@link OneHotConcat} block as ONNX: the int64 labels become one-hot rows by a {@code
 * Gather} from a constant identity matrix (every runtime has Gather; ONNX's OneHot is missing from
 * some), joined to x by a {@code Concat} on axis 1. Stateless.
 */
public final class OneHotConcatConverter implements BlockConverter {

    @Override
    public String name() {
        return "one-hot-concat";
    }

    @Override
    public String description() {
        return "example plugin: OneHotConcat as ONNX Gather (one-hot) and Concat";
    }

    @Override
    public Class<? extends Block> blockType() {
        return OneHotConcat.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        int k = ((OneHotConcat) block).classes();
        float[] eye = new float[k * k];
        for (int i = 0; i < k; i++) {
            eye[i * k + i] = 1f;
        }
        String identity = graph.floats(graph.pathOf(block) + ".one_hot", new Shape(k, k), eye);
        String oneHot = graph.node("Gather", List.of(identity, inputs.get(1)), Map.of("axis", 0L));
        return List.of(graph.node("Concat", List.of(inputs.get(0), oneHot), Map.of("axis", 1L)));
    }
}
