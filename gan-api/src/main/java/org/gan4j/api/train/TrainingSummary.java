package org.gan4j.api.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * A finished run.
 *
 * @param runDir the run directory, or null for a run kept in memory
 * @param steps steps taken
 * @param epochs epochs taken
 * @param seconds wall-clock training time
 * @param metrics the final evaluation metrics by name
 */
public record TrainingSummary(
        Path runDir, long steps, int epochs, double seconds, Map<String, Double> metrics) {}
