package org.gan4j.api.eval;

/**
 * An epoch's place by the run's main metric.
 *
 * @param metric the main metric's name, e.g. {@code class_accuracy}
 * @param value its value
 * @param score what epochs are compared by, higher is better (the value itself, or the value with
 *     a tie-breaker folded in)
 */
public record Ranking(String metric, double value, double score) {}
