package org.gan4j.export.converters;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.export.ExportException;
import org.gan4j.models.blocks.TransposedConv2d;

/**
 * Inference-mode batch norm as a per-channel affine map, y = x * scale + shift with scale = gamma /
 * sqrt(var + eps) and shift = beta - mean * scale, and its folding into the layer before it: that
 * layer's weights are multiplied by scale along their output-channel axis and its bias becomes
 * bias * scale + shift, which removes a node and a pass over the activations.
 */
final class BatchNormFolding {

    private BatchNormFolding() {}

    /**
     * A batch norm's inference-mode parameters, in float64.
     *
     * @param gamma the learned scale (ones if the block has none)
     * @param beta the learned shift (zeros if the block has none)
     * @param mean the running mean
     * @param var the running variance
     * @param epsilon added to the variance
     * @param scale gamma / sqrt(var + epsilon)
     * @param shift beta - mean * scale
     */
    record Affine(double[] gamma, double[] beta, double[] mean, double[] var, float epsilon, double[] scale, double[] shift) {}

    /** Reads a batch norm's settings, which DJL keeps in private fields with no getters. */
    static Affine affine(BatchNorm bn, String path) {
        int axis = (Integer) setting(bn, "axis", path);
        float epsilon = (Float) setting(bn, "epsilon", path);
        boolean center = (Boolean) setting(bn, "center", path);
        boolean scaled = (Boolean) setting(bn, "scale", path);
        if (axis != 1) {
            throw new ExportException(path + ": BatchNorm over axis " + axis
                    + " cannot be exported; ONNX BatchNormalization normalizes axis 1 (the channels)");
        }
        double[] mean = Parameters.doubles(bn, "runningMean");
        double[] var = Parameters.doubles(bn, "runningVar");
        double[] gamma = scaled ? Parameters.doubles(bn, "gamma") : filled(mean.length, 1);
        double[] beta = center ? Parameters.doubles(bn, "beta") : filled(mean.length, 0);
        double[] scale = new double[mean.length];
        double[] shift = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            // float32 arithmetic first, as the engine computes var + eps in the data's type.
            scale[c] = gamma[c] / Math.sqrt((float) (var[c] + epsilon));
            shift[c] = beta[c] - mean[c] * scale[c];
        }
        return new Affine(gamma, beta, mean, var, epsilon, scale, shift);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static Object setting(BatchNorm bn, String name, String path) {
        try {
            Field f = BatchNorm.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(bn);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExportException(path + ": cannot read BatchNorm's '" + name + "' from this DJL version ("
                    + e + "); export with a DJL version gan4j supports", e);
        }
    }

    /** Whether a batch norm after this block can be folded into it. */
    static boolean canFold(Block layer, BatchNorm bn) {
        return layer instanceof Linear || layer instanceof Conv2d || layer instanceof TransposedConv2d;
    }

    /**
     * Writes {@code layer} followed by {@code bn} as one node with folded parameters.
     *
     * @return the output's name
     */
    static String fold(Block layer, BatchNorm bn, String x, OnnxGraphBuilder graph) {
        String path = graph.pathOf(layer);
        Affine a = affine(bn, graph.pathOf(bn));
        Shape wShape = Parameters.array(layer, "weight").getShape();
        double[] w = Parameters.doubles(layer, "weight");
        int channels = a.scale().length;
        // The output-channel axis: [out, in] and [Cout, Cin, k, k] lead with it; ConvTranspose's
        // [Cin, Cout, k, k] has it second.
        int axis = layer instanceof TransposedConv2d ? 1 : 0;
        if (wShape.get(axis) != channels) {
            throw new ExportException(path + ": batch norm over " + channels + " channels follows a layer with "
                    + wShape.get(axis) + " outputs");
        }
        long inner = 1;
        for (int d = axis + 1; d < wShape.dimension(); d++) {
            inner *= wShape.get(d);
        }
        float[] folded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = (int) ((i / inner) % channels);
            folded[i] = (float) (w[i] * a.scale()[c]);
        }
        double[] b = Parameters.has(layer, "bias") ? Parameters.doubles(layer, "bias") : new double[channels];
        float[] bias = new float[channels];
        for (int c = 0; c < channels; c++) {
            bias[c] = (float) (b[c] * a.scale()[c] + a.shift()[c]);
        }
        String wName = graph.floats(path + ".weight_folded", wShape, folded);
        String bName = graph.floats(path + ".bias_folded", new Shape(channels), bias);
        if (layer instanceof Linear) {
            return LinearConverter.gemm(x, wName, bName, graph);
        }
        if (layer instanceof Conv2d conv) {
            return ConvolutionConverter.conv(conv, x, wName, bName, graph);
        }
        return TransposedConvConverter.convTranspose((TransposedConv2d) layer, x, wName, bName, graph);
    }
}
