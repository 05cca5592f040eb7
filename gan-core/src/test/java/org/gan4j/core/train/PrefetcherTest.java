package org.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

    @Test
    void itemsArriveInOrderAndAreMadeOnAnotherThread() {
        AtomicReference<Thread> producer = new AtomicReference<>();
        Iterator<Integer> source = IntStream.range(0, 1000).boxed().map(i -> {
            producer.set(Thread.currentThread());
            return i;
        }).iterator();
        List<Integer> seen = new ArrayList<>();
        try (Prefetcher<Integer> p = new Prefetcher<>(source, 2, "test-prefetch")) {
            while (p.hasNext()) {
                seen.add(p.next());
            }
            assertThrows(NoSuchElementException.class, p::next);
        }
        assertEquals(IntStream.range(0, 1000).boxed().toList(), seen);
        assertNotEquals(Thread.currentThread(), producer.get());
        assertEquals("test-prefetch", producer.get().getName());
    }

    @Test
    void itRunsNoMoreThanItsDepthAhead() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        Iterator<Integer> source = IntStream.range(0, 100).boxed().peek(i -> made.incrementAndGet()).iterator();
        try (Prefetcher<Integer> p = new Prefetcher<>(source, 3, "test-prefetch")) {
            assertEquals(0, p.next());
            // One taken and three queued: wait (on a loaded machine, as long as it takes) for those.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (made.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            // Then at most one more, made and waiting for room in the queue.
            assertTrue(made.get() >= 4 && made.get() <= 5, "made " + made.get());
        }
    }

    @Test
    void theIteratorsFailureIsRethrownWhereTheItemWouldHaveBeen() {
        IllegalStateException failure = new IllegalStateException("image 3 is corrupt");
        Iterator<Integer> source = IntStream.range(0, 10).boxed().map(i -> {
            if (i == 3) {
                throw failure;
            }
            return i;
        }).iterator();
        try (Prefetcher<Integer> p = new Prefetcher<>(source, 2, "test-prefetch")) {
            assertEquals(0, p.next());
            assertEquals(1, p.next());
            assertEquals(2, p.next());
            assertTrue(p.hasNext());
            assertSame(failure, assertThrows(IllegalStateException.class, p::next));
        }
    }

    @Test
    void closingStopsTheThreadOfAnEndlessIterator() throws InterruptedException {
        AtomicReference<Thread> producer = new AtomicReference<>();
        Iterator<Integer> endless = new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                producer.set(Thread.currentThread());
                return i++;
            }
        };
        Prefetcher<Integer> p = new Prefetcher<>(endless, 2, "test-prefetch");
        assertEquals(0, p.next());
        p.close();
        producer.get().join(5000);
        assertFalse(producer.get().isAlive(), "the prefetch thread still runs after close()");
        assertThrows(IllegalStateException.class, p::hasNext);
    }
}
