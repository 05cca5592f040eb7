package org.gan4j.export.converters;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.models.blocks.Maxout;

/**
 * gan4j's {@link Maxout}: its affine part, a {@code Reshape} to [N, units, pieces] and a {@code
 * ReduceMax} over the pieces (axes an attribute before opset 18, an input from it on).
 */
public final class MaxoutConverter implements BlockConverter {

    @Override
    public String name() {
        return "maxout";
    }

    @Override
    public String description() {
        return "gan4j Maxout as ONNX Gemm, Reshape and ReduceMax";
    }

    @Override
    public Class<? extends Block> blockType() {
        return Maxout.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        Maxout m = (Maxout) block;
        String path = graph.pathOf(block);
        String features = graph.convert(m.linear(), inputs).get(0);
        String shape = graph.longs(path + ".shape", -1, m.units(), m.pieces());
        String grouped = graph.node("Reshape", List.of(features, shape), Map.of());
        if (graph.opset() >= 18) {
            String axes = graph.longs(path + ".axes", 2);
            return List.of(graph.node("ReduceMax", List.of(grouped, axes), Map.of("keepdims", 0L)));
        }
        return List.of(graph.node("ReduceMax", List.of(grouped), Map.of("axes", new long[] {2}, "keepdims", 0L)));
    }
}
