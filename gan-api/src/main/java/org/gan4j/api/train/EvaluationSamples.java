package org.gan4j.api.train;

/**
 * Samples drawn for evaluation at the end of an epoch, in the dataset's own units: generated
 * ones from noise fixed for the whole run, and real ones from the dataset.
 *
 * @param generated generated samples, one row a sample (flattened for images: C*H*W values)
 * @param labels the class each generated sample was asked for, or null for unconditional models
 * @param real real samples, one row a sample, or null when the dataset has no known distribution
 */
public record EvaluationSamples(float[][] generated, int[] labels, float[][] real) {}
