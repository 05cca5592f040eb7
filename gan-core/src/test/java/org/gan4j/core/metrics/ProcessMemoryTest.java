package org.gan4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void thePeakIsAtLeastTheResidentSetWhichIsSomeMegabytes() {
        long now = ProcessMemory.residentBytes();
        long peak = ProcessMemory.peakResidentBytes();
        // A JVM running JUnit holds tens of megabytes; /proc/self/status reports kB.
        assertTrue(now > 10L << 20, "resident " + now);
        assertTrue(peak >= now, "peak " + peak + " below resident " + now);
    }
}
