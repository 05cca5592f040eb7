package org.gan4j.export.converters;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.models.blocks.ReshapeBlock;

/** gan4j's {@link ReshapeBlock}: ONNX {@code Reshape} to [-1, sample shape...], keeping the batch axis. */
public final class ReshapeConverter implements BlockConverter {

    @Override
    public String name() {
        return "reshape";
    }

    @Override
    public String description() {
        return "gan4j ReshapeBlock as ONNX Reshape";
    }

    @Override
    public Class<? extends Block> blockType() {
        return ReshapeBlock.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        long[] sample = ((ReshapeBlock) block).sampleShape().getShape();
        long[] target = new long[sample.length + 1];
        target[0] = -1;
        System.arraycopy(sample, 0, target, 1, sample.length);
        String shape = graph.longs(graph.pathOf(block) + ".shape", target);
        return List.of(graph.node("Reshape", List.of(inputs.get(0), shape), Map.of()));
    }
}
