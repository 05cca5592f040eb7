package org.gan4j.api.game;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * One batch of real samples on the engine, in the step's scope.
 *
 * @param samples the samples [N, sample shape...], in the model's units
 * @param labels their class labels, int32 [N], or null for an unlabelled dataset
 */
public record Batch(NDArray samples, NDArray labels) {

    /** Requires the samples. */
    public Batch {
        Objects.requireNonNull(samples, "samples");
    }
}
