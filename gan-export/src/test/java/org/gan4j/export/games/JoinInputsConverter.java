package org.gan4j.export.games;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/** {@link JoinInputs} as ONNX: Flatten for float inputs, Gather from an identity matrix for class indices, Concat. */
public final class JoinInputsConverter implements BlockConverter {

    @Override
    public String name() {
        return "join-inputs";
    }

    @Override
    public String description() {
        return "test block JoinInputs as Flatten, Gather (one-hot) and Concat";
    }

    @Override
    public Class<? extends Block> blockType() {
        return JoinInputs.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        int[] classes = ((JoinInputs) block).classes();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            int k = classes[i];
            if (k > 0) {
                float[] eye = new float[k * k];
                for (int j = 0; j < k; j++) {
                    eye[j * k + j] = 1f;
                }
                String identity = graph.floats(graph.pathOf(block) + ".one_hot", new Shape(k, k), eye);
                parts.add(graph.node("Gather", List.of(identity, inputs.get(i)), Map.of("axis", 0L)));
            } else {
                parts.add(graph.node("Flatten", List.of(inputs.get(i)), Map.of("axis", 1L)));
            }
        }
        return List.of(graph.node("Concat", parts, Map.of("axis", 1L)));
    }
}
