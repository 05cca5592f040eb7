package org.gan4j.export.converters;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/**
 * DJL's {@link BatchNorm} in inference mode, normalizing with its running mean and variance:
 * ONNX {@code BatchNormalization}, which normalizes axis 1 as DJL's default does.
 */
public final class BatchNormConverter implements BlockConverter {

    @Override
    public String name() {
        return "batch-norm";
    }

    @Override
    public String description() {
        return "DJL BatchNorm in inference mode as ONNX BatchNormalization";
    }

    @Override
    public Class<? extends Block> blockType() {
        return BatchNorm.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        BatchNormFolding.Affine a = BatchNormFolding.affine((BatchNorm) block, graph.pathOf(block));
        String path = graph.pathOf(block);
        int c = a.scale().length;
        Shape s = new Shape(c);
        String scale = graph.floats(path + ".gamma", s, toFloats(a.gamma()));
        String bias = graph.floats(path + ".beta", s, toFloats(a.beta()));
        String mean = graph.floats(path + ".runningMean", s, toFloats(a.mean()));
        String var = graph.floats(path + ".runningVar", s, toFloats(a.var()));
        return List.of(graph.node(
                "BatchNormalization",
                List.of(inputs.get(0), scale, bias, mean, var),
                OnnxGraphBuilder.attributes("epsilon", a.epsilon())));
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
