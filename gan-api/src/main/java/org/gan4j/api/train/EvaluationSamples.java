package org.gan4j.api.train;

/**
 * Samples drawn for evaluation at the end of an epoch, in the dataset's own units: generated
 * ones from noise fixed for the whole run, and real ones from the dataset.
 *
 * @param generated generated samples, one row a sample
 * @param real real samples, one row a sample
 */
public record EvaluationSamples(float[][] generated, float[][] real) {}
