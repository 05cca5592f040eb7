package org.gan4j.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DjlEnvironmentTest {

    @Test
    void theDefaultThreadCountIsTheJvmsProcessorsUnlessTheUserChoseOne() {
        String saved = System.clearProperty(DjlEnvironment.THREADS_PROPERTY);
        try {
            assertEquals(OptionalInt.of(Runtime.getRuntime().availableProcessors()), DjlEnvironment.defaultThreads(Map.of()));
            assertEquals(OptionalInt.of(Runtime.getRuntime().availableProcessors()),
                    DjlEnvironment.defaultThreads(Map.of("OMP_NUM_THREADS", " ")));
            assertEquals(OptionalInt.empty(), DjlEnvironment.defaultThreads(Map.of("OMP_NUM_THREADS", "1")));

            DjlEnvironment.threads(3);
            assertEquals("3", System.getProperty(DjlEnvironment.THREADS_PROPERTY));
            assertEquals(OptionalInt.empty(), DjlEnvironment.defaultThreads(Map.of()));
            assertTrue(DjlEnvironment.describe().endsWith(", 3 thread(s)"), DjlEnvironment.describe());

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlEnvironment.threads(0));
            assertEquals("the thread count must be at least 1, got 0", e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(DjlEnvironment.THREADS_PROPERTY);
            } else {
                System.setProperty(DjlEnvironment.THREADS_PROPERTY, saved);
            }
        }
    }
}
