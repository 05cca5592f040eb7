package org.gan4j.models.blocks;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D transposed convolution ("deconvolution"), the up-sampling layer of DCGAN's generator,
 * with exactly the semantics of ONNX's {@code ConvTranspose} and PyTorch's {@code
 * ConvTranspose2d} for one group and no dilation.
 *
 * <p>For an input [N, Cin, H, W] and the parameter {@code weight} [Cin, Cout, kH, kW], every input
 * pixel (h, w) adds {@code x[n, ci, h, w] * weight[ci, co, i, j]} to the output pixel (h * sH - pH
 * + i, w * sW - pW + j); the optional parameter {@code bias} [Cout] is added to every output
 * pixel. The output is [N, Cout, H_out, W_out] with {@code H_out = (H - 1) * sH - 2 * pH + kH +
 * oH}, where oH, the output padding, adds rows at the bottom (columns at the right) that only the
 * bias reaches; likewise for W. The weight has ConvTranspose's layout, so an exporter maps the
 * block to that operator directly; the settings can be read back for the same reason.
 *
 * <p>On DJL's PyTorch engine the block runs libtorch's own transposed convolution (oneDNN's
 * deconvolution on a CPU), which DJL's JNI does not expose, through a tiny TorchScript module:
 * the fastest form measured here for 16 or more output channels. With fewer, on other engines, or
 * with {@link Form#SUB_PIXEL}, it computes it with ordinary operators, in the sub-pixel form:
 * output rows h * s + r with the same phase r depend on one slice of the kernel, the taps r,
 * r + s, r + 2s, ... So one ordinary convolution with sH * sW * Cout output channels, one group per phase made of those taps (the kernel zero-padded to a
 * multiple of the stride, flipped and transposed), computes every phase at the input's
 * resolution; a pixel shuffle interleaves the phases and a crop removes the padding. Unlike the
 * textbook form, which convolves an input stuffed with zeros between its pixels, no multiply
 * touches a stuffed zero (at stride 2 the textbook form wastes three multiplies in four); only a
 * kernel whose size is not a multiple of the stride adds zero taps. The weight transform is a
 * handful of operators on a small array, and gradients reach the input, weight and bias through
 * the engine's automatic differentiation.
 */
public final class TransposedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;
    /** The fewest output channels for which the engine's own operator is used, where there is one. */
    static final int NATIVE_MIN_FILTERS = 16;

    private final int filters;
    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final Shape outputPadding;
    private final Form form;
    private final Parameter weight;
    private final Parameter bias;

    private TransposedConv2d(Builder builder) {
        super(VERSION);
        filters = builder.filters;
        kernelShape = builder.kernelShape;
        stride = builder.stride;
        padding = builder.padding;
        outputPadding = builder.outputPadding;
        form = builder.form;
        // The standard types give the defaults of DJL's Conv2d (Xavier weights, zero biases) and
        // let users re-initialize with setInitializer(..., Parameter.Type.WEIGHT).
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = builder.bias
                ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
                : null;
    }

    /** @return a builder; {@code setFilters} and {@code setKernelShape} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of output channels, Cout */
    public int filters() {
        return filters;
    }

    /** @return the kernel's (height, width) */
    public Shape kernelShape() {
        return kernelShape;
    }

    /** @return the stride (sH, sW): how far apart two neighbouring input pixels land in the output */
    public Shape stride() {
        return stride;
    }

    /** @return the padding (pH, pW) removed from each side of the full output */
    public Shape padding() {
        return padding;
    }

    /** @return the output padding (oH, oW) added at the bottom and right, each less than the stride */
    public Shape outputPadding() {
        return outputPadding;
    }

    /** @return whether the block has the parameter {@code bias} */
    public boolean hasBias() {
        return bias != null;
    }

    /** @return how the block computes its output */
    public Form form() {
        return form;
    }

    /** How a {@link TransposedConv2d} computes its output; the function is the same for all. */
    public enum Form {
        /** The engine's own operator where gan4j reaches one and the layer has 16 or more output
         * channels (where it was measured faster); the sub-pixel form otherwise. */
        AUTO,
        /** The engine's own operator where gan4j reaches one (DJL's PyTorch engine); the sub-pixel
         * form otherwise. */
        NATIVE,
        /** The sub-pixel form, built from one ordinary convolution, on every engine. */
        SUB_PIXEL
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long inputChannels = checkInput(inputShapes[0]).get(1);
        weight.setShape(new Shape(inputChannels, filters).addAll(kernelShape));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = checkInput(inputShapes[0]);
        return new Shape[] {new Shape(in.get(0), filters, axis(0, in.get(2)).outputSize, axis(1, in.get(3)).outputSize)};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape in = checkInput(x.getShape());
        Device device = x.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = parameterStore.getValue(bias, device, training); // null without a bias
        // oneDNN's deconvolution vectorizes over output channels: with a handful of them (an image
        // generator's last layer, 64 -> 3 at 64x64) the sub-pixel form was faster here (14.5 ms
        // against 18.4 ms forward and backward at batch 64); with 64 or more it was 1.38-1.62x
        // slower (bench/transposed-conv.sh).
        boolean useNative = form == Form.NATIVE || (form == Form.AUTO && filters >= NATIVE_MIN_FILTERS);
        if (useNative && "PyTorch".equals(x.getManager().getEngine().getEngineName())) {
            return new NDList(PyTorchTransposedConv.forward(x, w, b, stride, padding, outputPadding));
        }
        AxisPlan rows = axis(0, in.get(2));
        AxisPlan cols = axis(1, in.get(3));
        long sH = rows.stride;
        long sW = cols.stride;
        long phases = sH * sW;

        NDArray y;
        // Arrays computed from the parameters would belong to the parameters' manager and outlive
        // the caller's scratch manager, so they are freed here, as soon as the convolution has run
        // (the engine's autograd graph keeps what the backward pass needs).
        try (NDScope parameterTransforms = new NDScope()) {
            parameterTransforms.suppressNotUsedWarning();
            // Every output pixel comes out of the convolution (the rows and columns of the output
            // padding from zero-padded input), so the bias, repeated per phase, folds into it exactly.
            NDArray phaseBias = b == null || phases == 1 ? b : b.tile(phases);
            y = Conv2d.conv2d(
                            x,
                            phaseKernels(w, rows, cols),
                            phaseBias,
                            new Shape(1, 1),
                            new Shape(rows.convPadding, cols.convPadding),
                            new Shape(1, 1))
                    .singletonOrThrow();
            NDScope.unregister(y);
        }
        NDScope.register(y); // with the caller's scope, if there is one

        // Pixel shuffle: channel (rH, rW, co) at (t, u) goes to output pixel (t * sH + rH, u * sW + rW).
        long n = in.get(0);
        long tH = y.getShape().get(2);
        long tW = y.getShape().get(3);
        if (phases > 1) {
            y = y.reshape(n, sH, sW, filters, tH, tW)
                    .transpose(0, 3, 4, 1, 5, 2)
                    .reshape(n, filters, tH * sH, tW * sW);
        }
        if (rows.cropStart != 0 || cols.cropStart != 0 || rows.outputSize != tH * sH || cols.outputSize != tW * sW) {
            y = y.get(new NDIndex(
                    ":, :, {}:{}, {}:{}",
                    rows.cropStart,
                    rows.cropStart + rows.outputSize,
                    cols.cropStart,
                    cols.cropStart + cols.outputSize));
        }
        return new NDList(y);
    }

    /**
     * The ordinary convolution's kernel, [sH * sW * Cout, Cin, tapsH, tapsW], from the standard
     * [Cin, Cout, kH, kW] weight: output channel (rH, rW, co) holds the taps rH, rH + sH, ... by
     * rW, rW + sW, ... of weight[:, co], flipped, because a convolution slides the kernel the
     * other way from the one a transposed convolution scatters it.
     */
    private NDArray phaseKernels(NDArray w, AxisPlan rows, AxisPlan cols) {
        long cin = w.getShape().get(0);
        long padH = rows.taps * rows.stride - rows.kernel;
        long padW = cols.taps * cols.stride - cols.kernel;
        NDArray padded = padH == 0 && padW == 0 ? w : w.pad(new Shape(0, padW, 0, padH), 0);
        return padded.reshape(cin, filters, rows.taps, rows.stride, cols.taps, cols.stride)
                .flip(2, 4)
                .transpose(3, 5, 1, 0, 2, 4)
                .reshape(rows.stride * cols.stride * filters, cin, rows.taps, cols.taps);
    }

    private AxisPlan axis(int axis, long inputSize) {
        return AxisPlan.of(
                inputSize,
                kernelShape.get(axis),
                stride.get(axis),
                padding.get(axis),
                outputPadding.get(axis),
                axis == 0 ? "height" : "width");
    }

    private static Shape checkInput(Shape input) {
        if (input.dimension() != 4) {
            throw new IllegalArgumentException("TransposedConv2d takes an input [N, C, H, W], got " + input);
        }
        return input;
    }

    /**
     * How one spatial axis is computed. With phase r and coarse row q, the uncropped output
     * row Y = q * s + r sums x[q - m] * kernel[m * s + r] over m in [0, taps). The convolution,
     * padded by convPadding, yields q from taps - 1 - convPadding up to inputSize - 1 + convPadding;
     * the padding is the least that covers every q the cropped output [padding, padding +
     * outputSize) needs, including rows beyond the last input that only output padding reaches.
     */
    private record AxisPlan(long kernel, long stride, long taps, long outputSize, long convPadding, long cropStart) {

        static AxisPlan of(long inputSize, long kernel, long stride, long padding, long outputPadding, String axis) {
            long outputSize = (inputSize - 1) * stride - 2 * padding + kernel + outputPadding;
            if (inputSize < 1 || outputSize < 1) {
                throw new IllegalArgumentException("an input " + axis + " of " + inputSize
                        + " gives an output " + axis + " of " + outputSize + "; it must be at least 1");
            }
            long taps = (kernel + stride - 1) / stride;
            long firstCoarseRow = padding / stride;
            long lastCoarseRow = (padding + outputSize - 1) / stride;
            long convPadding = Math.max(0, Math.max(taps - 1 - firstCoarseRow, lastCoarseRow - inputSize + 1));
            long cropStart = padding - stride * (taps - 1 - convPadding);
            return new AxisPlan(kernel, stride, taps, outputSize, convPadding, cropStart);
        }
    }

    @Override
    public String toString() {
        return "TransposedConv2d(filters " + filters + ", kernel " + kernelShape + ", stride " + stride
                + ", padding " + padding + ", output padding " + outputPadding + (hasBias() ? ", bias)" : ", no bias)");
    }

    /** Builds a {@link TransposedConv2d}; every setting is checked in {@link #build()}. */
    public static final class Builder {

        private int filters;
        private Shape kernelShape;
        private Shape stride = new Shape(1, 1);
        private Shape padding = new Shape(0, 0);
        private Shape outputPadding = new Shape(0, 0);
        private boolean bias = true;
        private Form form = Form.AUTO;

        private Builder() {}

        /**
         * Sets the number of output channels. Required.
         *
         * @param filters Cout, at least 1
         * @return this builder
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * Sets the kernel's size. Required.
         *
         * @param kernelShape (kH, kW), each at least 1
         * @return this builder
         */
        public Builder setKernelShape(Shape kernelShape) {
            this.kernelShape = kernelShape;
            return this;
        }

        /**
         * Sets the stride, the up-sampling factor. Defaults to (1, 1).
         *
         * @param stride (sH, sW), each at least 1
         * @return this builder
         */
        public Builder optStride(Shape stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets the padding removed from both sides of each axis. Defaults to (0, 0).
         *
         * @param padding (pH, pW), each at least 0
         * @return this builder
         */
        public Builder optPadding(Shape padding) {
            this.padding = padding;
            return this;
        }

        /**
         * Sets the output padding added at the end of each axis, which picks one of the output
         * sizes that a strided convolution maps back to the same input size. Defaults to (0, 0).
         *
         * @param outputPadding (oH, oW), each at least 0 and less than the stride
         * @return this builder
         */
        public Builder optOutputPadding(Shape outputPadding) {
            this.outputPadding = outputPadding;
            return this;
        }

        /**
         * Sets whether the block adds a bias. Defaults to true.
         *
         * @param bias whether the block has the parameter {@code bias}
         * @return this builder
         */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Sets how the block computes its output. Defaults to {@link Form#AUTO}; every form
         * computes the same function (to float rounding), so this is for comparing them.
         *
         * @param form the form
         * @return this builder
         */
        public Builder optForm(Form form) {
            this.form = java.util.Objects.requireNonNull(form, "form");
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException naming the setting, if a setting is missing or invalid
         */
        public TransposedConv2d build() {
            if (filters < 1) {
                throw new IllegalArgumentException("filters must be at least 1, got " + filters);
            }
            if (kernelShape == null) {
                throw new IllegalArgumentException("kernelShape must be set");
            }
            checkPair("kernelShape", kernelShape, 1);
            checkPair("stride", stride, 1);
            checkPair("padding", padding, 0);
            checkPair("outputPadding", outputPadding, 0);
            for (int axis = 0; axis < 2; axis++) {
                if (outputPadding.get(axis) >= stride.get(axis)) {
                    throw new IllegalArgumentException("outputPadding must be less than stride in each axis, got "
                            + outputPadding + " with stride " + stride);
                }
            }
            return new TransposedConv2d(this);
        }

        private static void checkPair(String name, Shape value, long min) {
            if (value == null || value.dimension() != 2 || value.get(0) < min || value.get(1) < min) {
                throw new IllegalArgumentException(
                        name + " must be two sizes (height, width), each at least " + min + ", got " + value);
            }
        }
    }
}
