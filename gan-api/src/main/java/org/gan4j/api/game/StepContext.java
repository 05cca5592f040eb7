package org.gan4j.api.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a game's step can draw and do. Everything it creates lives until the step ends; every
 * random draw is a function of the run's seed and the coordinates the game gives, so a resumed
 * run draws what an uninterrupted one would have.
 */
public interface StepContext {

    /** @return the step being trained, from 1 */
    long step();

    /** @return the run's total steps */
    long totalSteps();

    /** @return the run's seed */
    long seed();

    /** @return the manager for arrays the step creates */
    NDManager manager();

    /**
     * The next real batch of the epoch, {@link Game#batchesPerStep()} of them a step.
     *
     * @return the batch, on the engine
     * @throws java.util.NoSuchElementException if the step asks for more batches than the game declared
     */
    Batch nextBatch();

    /**
     * Standard normal values from the stream {@code Seeds.stream(seed, coordinates...)}, row-major.
     *
     * @param shape the array's shape
     * @param coordinates where in the run the draw is, e.g. (purpose, index)
     * @return a float32 array
     */
    NDArray normal(Shape shape, long... coordinates);

    /**
     * Uniform class indices in [0, classes) from the stream {@code Seeds.stream(seed,
     * coordinates...)}.
     *
     * @param count how many
     * @param classes the number of classes
     * @param coordinates where in the run the draw is
     * @return an int32 array [count]
     */
    NDArray labels(int count, int classes, long... coordinates);

    /**
     * A host random stream, {@code Seeds.stream(seed, coordinates...)}.
     *
     * @param coordinates where in the run the draw is
     * @return a new generator
     */
    SplittableRandom random(long... coordinates);

    /**
     * Runs a network in training mode (batch statistics, dropout). Inside an update, a network
     * that the update does not train records no gradient for its parameters.
     *
     * @param role the network's role
     * @param inputs its inputs
     * @return its outputs
     */
    NDList forward(String role, NDList inputs);

    /**
     * A network's trainable parameters, e.g. for a constraint applied after an update.
     *
     * @param role the network's role
     * @return the parameters
     */
    List<Parameter> parameters(String role);

    /**
     * Makes one update: records gradients while the body runs, back-propagates its loss into the
     * networks of the update's optimizer, steps that optimizer, and releases everything the body
     * created. Every other network is held fixed.
     *
     * @param update the update's name, one of {@link Game#updates()}
     * @param body computes the loss
     * @return the update's result
     * @throws org.gan4j.api.GanException if the loss is NaN or infinite (the run diverged)
     */
    UpdateResult update(String update, UpdateBody body);

    /**
     * Saves one optimizer's networks and moments, to undo updates made after it.
     *
     * @param optimizer the optimizer's name
     * @return the snapshot; close it when done
     */
    Snapshot snapshot(String optimizer);

    /**
     * The gradient of {@code sum(output)} with respect to {@code input}, itself differentiable, for
     * penalties on a discriminator's gradient (second-order gradients). Only inside an update.
     *
     * @param output e.g. the discriminator's scores
     * @param input an array marked with {@link #requireGradient(NDArray)} before output was computed
     * @return an array shaped like input
     */
    NDArray inputGradient(NDArray output, NDArray input);

    /**
     * A copy of an array that gradients can be taken with respect to.
     *
     * @param x the array
     * @return a leaf array with gradient tracking on
     */
    NDArray requireGradient(NDArray x);
}
