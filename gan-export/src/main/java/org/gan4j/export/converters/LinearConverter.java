package org.gan4j.export.converters;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/**
 * DJL's {@link Linear}, y = x W^T + b over the last axis: {@code Gemm} with transB for [N, D]
 * inputs, {@code MatMul} and {@code Add} for inputs of higher rank.
 */
public final class LinearConverter implements BlockConverter {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String description() {
        return "DJL Linear as ONNX Gemm (or MatMul + Add above rank 2)";
    }

    @Override
    public Class<? extends Block> blockType() {
        return Linear.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        String path = graph.pathOf(block);
        String w = graph.initializer(path + ".weight", Parameters.array(block, "weight"));
        String b = Parameters.has(block, "bias") ? graph.initializer(path + ".bias", Parameters.array(block, "bias")) : null;
        return List.of(gemm(inputs.get(0), w, b, graph));
    }

    /** x W^T (+ b) for a weight [out, in] already in the graph; shared with batch-norm folding. */
    static String gemm(String x, String weight, String bias, OnnxGraphBuilder graph) {
        if (graph.shapeOf(x).dimension() == 2) {
            List<String> in = new ArrayList<>(List.of(x, weight));
            if (bias != null) {
                in.add(bias);
            }
            return graph.node("Gemm", in, Map.of("transB", 1L));
        }
        String wt = graph.node("Transpose", List.of(weight), Map.of("perm", new long[] {1, 0}));
        String y = graph.node("MatMul", List.of(x, wt), Map.of());
        return bias == null ? y : graph.node("Add", List.of(y, bias), Map.of());
    }
}
