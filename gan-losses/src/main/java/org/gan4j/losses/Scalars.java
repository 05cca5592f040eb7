package org.gan4j.losses;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a constant in the array's own type. A Java double becomes a float64 tensor,
 * and PyTorch promotes a 0-d float32 tensor times a 0-d float64 tensor to float64; a loss or
 * penalty must keep the type of the scores it came from.
 *
 * <p>Never {@code x.mul(Number)} in a loss: on DJL 0.35.1's PyTorch engine it makes the constant a
 * tensor over a Java direct buffer, multiplies and closes that tensor at once, while autograd
 * keeps the constant for the backward pass ({@code d(x * c) = c dx}); when the garbage collector
 * frees the buffer in between, the gradient is scaled by whatever the memory then holds. The
 * constant made here is a copy that libtorch owns, kept until the caller's scope ends.
 */
final class Scalars {

    private Scalars() {}

    /**
     * Multiplies by a constant, keeping {@code x}'s type.
     *
     * @param x the array
     * @param factor the constant
     * @return {@code x * factor}
     */
    static NDArray times(NDArray x, double factor) {
        return x.mul(x.getManager().create(factor).toType(x.getDataType(), false));
    }
}
