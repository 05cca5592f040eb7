package org.gan4j.losses;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a constant in the array's own type. A Java double becomes a float64 tensor,
 * and PyTorch promotes a 0-d float32 tensor times a 0-d float64 tensor to float64; a loss or
 * penalty must keep the type of the scores it came from.
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
