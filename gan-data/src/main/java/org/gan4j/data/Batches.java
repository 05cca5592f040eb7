package org.gan4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import org.gan4j.api.data.SampleBatch;

/** The iterator every dataset's epoch returns: a fixed number of batches, each made on demand. */
public final class Batches {

    private Batches() {}

    /**
     * Iterates over batches 0 to {@code count - 1}, making each when it is asked for.
     *
     * @param count how many batches the epoch has
     * @param batch makes the batch with a given index
     * @return the iterator
     */
    public static Iterator<SampleBatch> of(long count, LongFunction<SampleBatch> batch) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public SampleBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.apply(next++);
            }
        };
    }
}
