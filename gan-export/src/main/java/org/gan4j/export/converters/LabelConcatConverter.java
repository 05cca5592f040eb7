package org.gan4j.export.converters;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.models.blocks.LabelConcat;

/**
 * gan4j's {@link LabelConcat}: the data branch on x; the int64 labels made one-hot by a {@code
 * Gather} from an identity matrix (supported by every ONNX runtime, unlike OneHot in some); the
 * label branch; for images, an {@code Unsqueeze} and an {@code Expand} to constant label maps; then
 * a {@code Concat} on axis 1.
 */
public final class LabelConcatConverter implements BlockConverter {

    @Override
    public String name() {
        return "label-concat";
    }

    @Override
    public String description() {
        return "gan4j LabelConcat as ONNX Gather (one-hot), branches, Expand and Concat";
    }

    @Override
    public Class<? extends Block> blockType() {
        return LabelConcat.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        LabelConcat lc = (LabelConcat) block;
        String path = graph.pathOf(block);
        String x = inputs.get(0);
        if (lc.dataBranch() != null) {
            x = graph.convert(lc.dataBranch(), List.of(x)).get(0);
        }
        int k = lc.numClasses();
        float[] eye = new float[k * k];
        for (int i = 0; i < k; i++) {
            eye[i * k + i] = 1f;
        }
        String identity = graph.floats(path + ".one_hot", new Shape(k, k), eye);
        String y = graph.node("Gather", List.of(identity, inputs.get(1)), Map.of("axis", 0L));
        graph.setShape(y, new Shape(-1, k));
        if (lc.labelBranch() != null) {
            y = graph.convert(lc.labelBranch(), List.of(y)).get(0);
        }
        Shape xs = graph.shapeOf(x);
        if (xs.dimension() > 2) {
            // [N, L] -> [N, L, 1, ..., 1] -> [N, L, H, W]: Expand broadcasts the 1s, and its leading
            // 1 lets the batch axis through.
            long features = graph.shapeOf(y).get(1);
            long[] axes = new long[xs.dimension() - 2];
            long[] target = new long[xs.dimension()];
            target[0] = 1;
            target[1] = features;
            for (int d = 2; d < xs.dimension(); d++) {
                axes[d - 2] = d;
                target[d] = xs.get(d);
            }
            // Since opset 13 (the lowest gan4j writes), Unsqueeze takes its axes as an input.
            String unsqueezed = graph.node("Unsqueeze", List.of(y, graph.longs(path + ".axes", axes)), Map.of());
            y = graph.node("Expand", List.of(unsqueezed, graph.longs(path + ".maps", target)), Map.of());
        }
        return List.of(graph.node("Concat", List.of(x, y), Map.of("axis", 1L)));
    }
}
