package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * One transposed-convolution configuration for tests: the input's size, the block's settings, and
 * the output size the ConvTranspose formula gives, computed here independently of the block.
 */
record TransposedConvCase(
        int batch,
        int inChannels,
        int outChannels,
        int height,
        int width,
        int kernelH,
        int kernelW,
        int strideH,
        int strideW,
        int padH,
        int padW,
        int outPadH,
        int outPadW,
        boolean bias) {

    /** A square case: one size, kernel, stride, padding and output padding for both axes. */
    static TransposedConvCase square(
            int batch, int inChannels, int outChannels, int size, int kernel, int stride, int pad, int outPad, boolean bias) {
        return new TransposedConvCase(
                batch, inChannels, outChannels, size, size, kernel, kernel, stride, stride, pad, pad, outPad, outPad, bias);
    }

    /**
     * A random case: batch 1-3, channels 1-4, input sides 1-6, kernels 1-5, strides 1-3, paddings
     * 0-2 and output paddings 0-1 (below the stride), each axis drawn separately, redrawn until the
     * output is at least one pixel.
     */
    static TransposedConvCase random(Random random) {
        while (true) {
            int sH = 1 + random.nextInt(3);
            int sW = 1 + random.nextInt(3);
            TransposedConvCase c = new TransposedConvCase(
                    1 + random.nextInt(3),
                    1 + random.nextInt(4),
                    1 + random.nextInt(4),
                    1 + random.nextInt(6),
                    1 + random.nextInt(6),
                    1 + random.nextInt(5),
                    1 + random.nextInt(5),
                    sH,
                    sW,
                    random.nextInt(3),
                    random.nextInt(3),
                    random.nextInt(Math.min(2, sH)),
                    random.nextInt(Math.min(2, sW)),
                    random.nextBoolean());
            if (c.outHeight() >= 1 && c.outWidth() >= 1) {
                return c;
            }
        }
    }

    int outHeight() {
        return (height - 1) * strideH - 2 * padH + kernelH + outPadH;
    }

    int outWidth() {
        return (width - 1) * strideW - 2 * padW + kernelW + outPadW;
    }

    Shape inputShape() {
        return new Shape(batch, inChannels, height, width);
    }

    Shape weightShape() {
        return new Shape(inChannels, outChannels, kernelH, kernelW);
    }

    Shape outputShape() {
        return new Shape(batch, outChannels, outHeight(), outWidth());
    }

    Shape stride() {
        return new Shape(strideH, strideW);
    }

    Shape padding() {
        return new Shape(padH, padW);
    }

    Shape outputPadding() {
        return new Shape(outPadH, outPadW);
    }

    TransposedConv2d block() {
        return block(TransposedConv2d.Form.AUTO);
    }

    TransposedConv2d block(TransposedConv2d.Form form) {
        return TransposedConv2d.builder()
                .setFilters(outChannels)
                .setKernelShape(new Shape(kernelH, kernelW))
                .optStride(stride())
                .optPadding(padding())
                .optOutputPadding(outputPadding())
                .optBias(bias)
                .optForm(form)
                .build();
    }

    /**
     * The case's block, initialized for the case's input and holding the given parameter values.
     *
     * @param manager the manager of the parameters
     * @param type FLOAT32 or FLOAT64
     * @param weight [Cin, Cout, kH, kW]
     * @param biasValues [Cout], or null when the case has no bias
     * @return the block
     */
    TransposedConv2d initializedBlock(NDManager manager, DataType type, double[] weight, double[] biasValues) {
        return initializedBlock(manager, type, weight, biasValues, TransposedConv2d.Form.AUTO);
    }

    /** The case's block in the given form, initialized and holding the given parameter values. */
    TransposedConv2d initializedBlock(
            NDManager manager, DataType type, double[] weight, double[] biasValues, TransposedConv2d.Form form) {
        TransposedConv2d block = block(form);
        block.initialize(manager, type, inputShape());
        block.getParameters().get("weight").getArray().set(buffer(weight, type));
        if (bias) {
            block.getParameters().get("bias").getArray().set(buffer(biasValues, type));
        }
        return block;
    }

    /** Runs a block on one input, with its parameters as they are (no copies). */
    static NDArray forward(Block block, NDManager manager, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }

    /** Values as a buffer of the type, for {@link NDArray#set(Buffer)}. */
    static Buffer buffer(double[] values, DataType type) {
        if (type == DataType.FLOAT64) {
            return DoubleBuffer.wrap(values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return FloatBuffer.wrap(f);
    }

    /** Seeded normal values for the input, the weight and (when the case has one) the bias. */
    double[][] randomValues(long seed) {
        Random r = new Random(seed);
        return new double[][] {
            normal(r, inputShape().size()), normal(r, weightShape().size()), bias ? normal(r, outChannels) : null
        };
    }

    private static double[] normal(Random r, long n) {
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    @Override
    public String toString() {
        return String.format(
                "N%d %d->%d %dx%d k%dx%d s%dx%d p%dx%d op%dx%d%s",
                batch, inChannels, outChannels, height, width, kernelH, kernelW, strideH, strideW, padH, padW,
                outPadH, outPadW, bias ? " bias" : "");
    }
}
