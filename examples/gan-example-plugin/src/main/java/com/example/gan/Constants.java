package com.example.gan;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with constants inside a computation that gradients flow back through.
 *
 * <p>Why not {@code x.mul(0.5f)}: on DJL 0.35.1's PyTorch engine, {@code NDArray.mul(Number)}
 * makes the constant a tensor over a Java direct buffer (no copy), multiplies, and closes that
 * tensor at once, releasing the buffer to the garbage collector. Autograd keeps the constant for
 * the backward pass (the gradient of {@code x * c} is {@code grad * c}); if the collector frees
 * the buffer before the backward pass runs, the gradient is scaled by whatever that memory then
 * holds. It happens rarely, when a collection falls between the two, which is enough to make a
 * training run differ from the same run repeated. A constant made here is an array of the step,
 * kept (with its buffer) until the update that made it ends, after its backward pass.
 */
final class Constants {

    private Constants() {}

    /**
     * Multiplies by a constant, safely for gradients.
     *
     * @param x the array, float32
     * @param factor the constant
     * @return {@code x * factor}
     */
    static NDArray times(NDArray x, float factor) {
        return x.mul(x.getManager().create(factor));
    }
}
