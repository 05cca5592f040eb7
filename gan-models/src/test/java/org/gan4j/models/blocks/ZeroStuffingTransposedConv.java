package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The textbook form of a transposed convolution, as a reference for tests and the benchmark: put
 * stride - 1 zeros between neighbouring input pixels, pad by kernel - 1 - padding (plus the output
 * padding at the end), and run an ordinary convolution with the kernel flipped and its channel axes
 * swapped. Correct, but at stride s only one multiply in s * s touches an input pixel.
 */
public final class ZeroStuffingTransposedConv {

    private ZeroStuffingTransposedConv() {}

    /**
     * The transposed convolution of an input.
     *
     * @param x the input, [N, Cin, H, W]
     * @param weight the weight, [Cin, Cout, kH, kW]
     * @param bias the bias, [Cout], or null
     * @param stride (sH, sW)
     * @param padding (pH, pW)
     * @param outputPadding (oH, oW), each less than the stride
     * @return the output, [N, Cout, H_out, W_out]
     */
    public static NDArray forward(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding, Shape outputPadding) {
        Shape in = x.getShape();
        long n = in.get(0);
        long c = in.get(1);
        long h = in.get(2);
        long w = in.get(3);
        long sH = stride.get(0);
        long sW = stride.get(1);
        long kH = weight.getShape().get(2);
        long kW = weight.getShape().get(3);
        // Each pixel followed by s - 1 zeros in each axis, then cut to the (H - 1) * s + 1 that
        // hold input pixels plus the output padding, which needs zeros past the last pixel.
        long stuffedH = (h - 1) * sH + 1 + outputPadding.get(0);
        long stuffedW = (w - 1) * sW + 1 + outputPadding.get(1);
        NDArray stuffed = x.reshape(n, c, h, 1, w, 1)
                .pad(new Shape(0, sW - 1, 0, 0, 0, sH - 1), 0)
                .reshape(n, c, h * sH, w * sW)
                .get(new NDIndex(":, :, :{}, :{}", stuffedH, stuffedW));
        NDArray kernel = weight.flip(2, 3).transpose(1, 0, 2, 3);
        long fullPadH = kH - 1 - padding.get(0);
        long fullPadW = kW - 1 - padding.get(1);
        // A padding beyond kernel - 1 crops the full output instead.
        long convPadH = Math.max(0, fullPadH);
        long convPadW = Math.max(0, fullPadW);
        NDArray y = Conv2d.conv2d(stuffed, kernel, bias, new Shape(1, 1), new Shape(convPadH, convPadW))
                .singletonOrThrow();
        if (convPadH == fullPadH && convPadW == fullPadW) {
            return y;
        }
        long outH = (h - 1) * sH - 2 * padding.get(0) + kH + outputPadding.get(0);
        long outW = (w - 1) * sW - 2 * padding.get(1) + kW + outputPadding.get(1);
        long cropH = convPadH - fullPadH;
        long cropW = convPadW - fullPadW;
        return y.get(new NDIndex(":, :, {}:{}, {}:{}", cropH, cropH + outH, cropW, cropW + outW));
    }
}
