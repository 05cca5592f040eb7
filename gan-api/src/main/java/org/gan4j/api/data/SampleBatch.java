package org.gan4j.api.data;

import java.util.Objects;

/**
 * One batch of training samples on the host, before it becomes a tensor. Keeping batches as plain
 * arrays lets datasets stay independent of the engine and be read ahead on another thread.
 *
 * @param size the number of samples
 * @param values the samples, row-major, {@code size * sampleSize} values scaled to the model's
 *     range
 * @param labels one class label a sample, or null for an unlabelled dataset
 */
public record SampleBatch(int size, float[] values, int[] labels) {

    /** Checks that the arrays agree with the size. */
    public SampleBatch {
        Objects.requireNonNull(values, "values");
        if (size <= 0 || values.length % size != 0) {
            throw new IllegalArgumentException(
                    "values.length " + values.length + " is not a multiple of size " + size);
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(
                    "labels.length " + labels.length + " differs from size " + size);
        }
    }
}
