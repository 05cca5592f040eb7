package org.gan4j.export.converters;

import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/** DJL's {@link Dropout}, which does nothing at inference: no node at all. */
public final class DropoutConverter implements BlockConverter {

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String description() {
        return "DJL Dropout: the identity at inference, so no node";
    }

    @Override
    public Class<? extends Block> blockType() {
        return Dropout.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        return List.of(inputs.get(0));
    }
}
