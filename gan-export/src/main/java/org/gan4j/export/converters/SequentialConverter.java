package org.gan4j.export.converters;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/**
 * DJL's {@link SequentialBlock}: its children in order. When the export folds batch norm, a batch
 * norm right after a {@code Linear}, {@code Conv2d} or {@code TransposedConv2d} is merged into that
 * layer's weights and bias (see {@link BatchNormFolding}).
 */
public final class SequentialConverter implements BlockConverter {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String description() {
        return "DJL SequentialBlock: its children in order (folding batch norm into the layer before it)";
    }

    @Override
    public Class<? extends Block> blockType() {
        return SequentialBlock.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        if (((SequentialBlock) block).isReturnIntermediate()) {
            throw new org.gan4j.export.ExportException(graph.pathOf(block)
                    + ": a SequentialBlock that returns intermediate outputs cannot be exported; turn that off");
        }
        List<Block> children = block.getChildren().values();
        List<String> values = inputs;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            Block next = i + 1 < children.size() ? children.get(i + 1) : null;
            if (graph.foldBatchNorm() && next instanceof BatchNorm bn && BatchNormFolding.canFold(child, bn)) {
                String out = BatchNormFolding.fold(child, bn, values.get(0), graph);
                graph.setShape(out, next.getOutputShapes(child.getOutputShapes(new ai.djl.ndarray.types.Shape[] {
                    graph.shapeOf(values.get(0))}))[0]);
                values = List.of(out);
                i++;
            } else {
                values = graph.convert(child, values);
            }
        }
        return values;
    }
}
