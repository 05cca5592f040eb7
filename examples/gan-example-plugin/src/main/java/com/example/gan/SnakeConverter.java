package com.example.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/**
 * Writes a {@link Snake} block as ONNX: {@code Add(x, Div(Mul(s, s), Add(alpha, eps)))} with
 * {@code s = Sin(Mul(x, alpha))}, the operators of every opset gan4j writes. Stateless: one
 * instance converts every Snake of a generator.
 */
public final class SnakeConverter implements BlockConverter {

    @Override
    public String name() {
        return "snake";
    }

    @Override
    public String description() {
        return "example plugin: Snake as ONNX Mul, Sin, Div, Add";
    }

    @Override
    public Class<? extends Block> blockType() {
        return Snake.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        String path = graph.pathOf(block);
        Parameter alpha = block.getParameters().get("alpha");
        if (alpha == null || !alpha.isInitialized()) {
            throw new IllegalStateException(path + ": Snake's alpha is not initialized; load the weights first");
        }
        String x = inputs.get(0);
        // The initializer copies the array; the block keeps it.
        String a = graph.initializer(path + ".alpha", alpha.getArray());
        String eps = graph.floats(path + ".eps", new Shape(1), Snake.EPSILON);
        String s = graph.node("Sin", List.of(graph.node("Mul", List.of(x, a), Map.of())), Map.of());
        String ripple = graph.node("Div", List.of(
                graph.node("Mul", List.of(s, s), Map.of()),
                graph.node("Add", List.of(a, eps), Map.of())), Map.of());
        return List.of(graph.node("Add", List.of(x, ripple), Map.of()));
    }
}
