package org.gan4j.export.custom;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/** The third party's converter for its block, found through META-INF/services. */
public final class ScaleShiftConverter implements BlockConverter {

    @Override
    public String name() {
        return "test-scale-shift";
    }

    @Override
    public String description() {
        return "test: ScaleShiftBlock as Mul, Add, Sin";
    }

    @Override
    public Class<? extends Block> blockType() {
        return ScaleShiftBlock.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        String path = graph.pathOf(block);
        String a = graph.initializer(path + ".scale", block.getParameters().get("scale").getArray());
        String b = graph.initializer(path + ".shift", block.getParameters().get("shift").getArray());
        String y = graph.node("Mul", List.of(inputs.get(0), a), Map.of());
        return List.of(graph.node("Sin", List.of(graph.node("Add", List.of(y, b), Map.of())), Map.of()));
    }
}
