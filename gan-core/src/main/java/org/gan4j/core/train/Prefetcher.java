package org.gan4j.core.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs an iterator on a background thread, a few items ahead of its consumer, so that making the
 * next batch (decoding, resampling, shuffling, conversion to floats) overlaps the engine's work on
 * the current one instead of adding to it. Items arrive in the iterator's order, so runs stay
 * reproducible; an exception the iterator throws is rethrown by the {@link #next()} that would
 * have returned the item.
 *
 * <p>Close it (try-with-resources) to stop the thread when the consumer stops early; a consumer
 * that reads to the end stops it too.
 *
 * @param <T> the item type
 */
final class Prefetcher<T> implements Iterator<T>, AutoCloseable {

    /** One queue slot: an item, the iterator's failure, or the end. */
    private record Slot<T>(T item, RuntimeException failure, boolean end) {}

    private final BlockingQueue<Slot<T>> queue;
    private final Thread thread;
    private Slot<T> peeked;
    private volatile boolean closed;

    /**
     * Starts prefetching.
     *
     * @param source the iterator to run ahead; only the background thread touches it from now on
     * @param depth how many items may wait, at least 1
     * @param name the thread's name, for thread dumps and profiles
     */
    Prefetcher(Iterator<T> source, int depth, String name) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        queue = new ArrayBlockingQueue<>(depth);
        thread = new Thread(() -> produce(source), name);
        // A daemon: a consumer that dies without closing must not keep the JVM alive.
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Iterator<T> source) {
        try {
            while (!closed && source.hasNext()) {
                queue.put(new Slot<>(source.next(), null, false));
            }
            if (!closed) {
                queue.put(new Slot<>(null, null, true));
            }
        } catch (InterruptedException e) {
            // close() interrupted a put: the consumer is gone.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(new Slot<>(null, e, true));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Slot<T> peek() {
        if (peeked == null) {
            if (closed) {
                throw new IllegalStateException("the prefetcher is closed");
            }
            try {
                peeked = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
        }
        return peeked;
    }

    @Override
    public boolean hasNext() {
        Slot<T> slot = peek();
        // A failure is an element-to-be: next() rethrows it.
        return !slot.end() || slot.failure() != null;
    }

    @Override
    public T next() {
        Slot<T> slot = peek();
        if (slot.failure() != null) {
            throw slot.failure();
        }
        if (slot.end()) {
            throw new NoSuchElementException();
        }
        peeked = null;
        return slot.item();
    }

    /** Stops the background thread; items not yet taken are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
    }
}
