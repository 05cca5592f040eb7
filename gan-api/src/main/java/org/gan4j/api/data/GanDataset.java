package org.gan4j.api.data;

import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * An opened dataset: a seeded, shuffled source of batches. One epoch is {@link #size()} samples;
 * the order within an epoch is a function of the dataset's seed and the epoch number alone, so
 * that a run can be reproduced, and resumed at a given epoch, exactly.
 */
public interface GanDataset extends AutoCloseable {

    /** @return the shape of one sample without the batch axis, e.g. (2) or (1, 28, 28) */
    Shape sampleShape();

    /** @return the number of samples in one epoch */
    long size();

    /** @return the number of classes, or 0 if the samples have no labels */
    default int numClasses() {
        return classNames().size();
    }

    /** @return the class names, in label order; empty for an unlabelled dataset */
    default List<String> classNames() {
        return List.of();
    }

    /**
     * The factor that maps the dataset's own units to the values in the batches: {@code value =
     * raw * scale}. Datasets scale their samples into about [-1, 1]; tools that show samples to
     * people divide by this to report the data's own units.
     *
     * @return the scale, positive
     */
    default double scale() {
        return 1.0;
    }

    /**
     * The known generating distribution, in the dataset's own units, for datasets that have one.
     *
     * @return the mixture, or empty
     */
    default Optional<GaussianMixture> mixture() {
        return Optional.empty();
    }

    /**
     * The batches of one epoch, in an order fixed by the seed and the epoch. A trailing partial
     * batch is dropped, so every batch has exactly {@code batchSize} samples.
     *
     * <p>The trainer reads the iterator on a background thread (one thread, a couple of batches
     * ahead of the step that uses them), not on the thread that called this method: an iterator
     * must not depend on thread-confined state. It may be abandoned before its end.
     *
     * @param epoch the epoch number, from 0
     * @param batchSize the number of samples a batch
     * @return the batches, {@code size() / batchSize} of them
     */
    Iterator<SampleBatch> epoch(long epoch, int batchSize);

    /** Releases files or buffers; the default holds none. */
    @Override
    default void close() {}
}
