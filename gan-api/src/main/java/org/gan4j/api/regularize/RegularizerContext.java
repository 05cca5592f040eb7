package org.gan4j.api.regularize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/** What a regularizer can see and do during a discriminator update. */
public interface RegularizerContext {

    /** @return the step being trained, from 1 */
    long step();

    /** @return the run's total steps */
    long totalSteps();

    /** @return the manager new arrays should be created on */
    NDManager manager();

    /** @return the real batch (after input transforms), or null outside a discriminator update */
    NDArray real();

    /** @return the generated batch (after input transforms), or null outside a discriminator update */
    NDArray fake();

    /** @return labels of the real batch, or null for unconditional models */
    NDArray realLabels();

    /** @return labels of the generated batch, or null for unconditional models */
    NDArray fakeLabels();

    /** @return the discriminator's parameters */
    List<Parameter> discriminatorParameters();

    /**
     * Scores samples with the discriminator, recording gradients.
     *
     * @param x samples
     * @param labels their labels, or null for unconditional models
     * @return raw scores
     */
    NDArray score(NDArray x, NDArray labels);

    /**
     * The gradient of {@code sum(output)} with respect to {@code input}, itself differentiable:
     * a penalty built from it back-propagates to the discriminator's weights (second-order
     * gradients). {@code input} must have been marked with {@link #requireGradient(NDArray)}
     * before {@code output} was computed from it.
     *
     * @param output e.g. the discriminator's scores
     * @param input e.g. the samples scored
     * @return an array shaped like {@code input}
     */
    NDArray inputGradient(NDArray output, NDArray input);

    /**
     * Returns a copy of an array that gradients can be taken with respect to.
     *
     * @param x the array
     * @return a leaf array with gradient tracking on
     */
    NDArray requireGradient(NDArray x);

    /**
     * Uniform noise in [0, 1), from a stream fixed by the run's seed and the step.
     *
     * @param count how many values
     * @return a float32 array [count]
     */
    NDArray uniform(int count);

    /**
     * Standard normal noise, from a stream fixed by the run's seed and the step.
     *
     * @param shape the shape, as dimensions
     * @return a float32 array
     */
    NDArray normal(long... shape);
}
