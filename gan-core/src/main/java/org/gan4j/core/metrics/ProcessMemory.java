package org.gan4j.core.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's resident memory, which counts native (engine) memory as well as the heap. */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /**
     * The resident set size, from {@code /proc/self/status} on Linux.
     *
     * @return bytes, or -1 where the platform does not tell
     */
    public static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    /**
     * The largest resident set size the process has had so far ("high water mark"), from {@code
     * /proc/self/status} on Linux.
     *
     * @return bytes, or -1 where the platform does not tell
     */
    public static long peakResidentBytes() {
        return statusBytes("VmHWM:");
    }

    private static long statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: report "unknown".
        }
        return -1;
    }
}
