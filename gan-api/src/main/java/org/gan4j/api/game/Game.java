package org.gan4j.api.game;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * One game, created for one run by its {@link GameProvider}: its networks, optimizers and
 * updates, its product, and what one training step does. The runtime around it owns everything
 * else: initialization, gradient recording, optimizer steps, releasing each update's arrays,
 * random streams, checkpoints, the product's moving average, divergence, health measurements,
 * metrics, report and export.
 */
public interface Game {

    /** @return the networks, in the order the runtime initializes them */
    List<Network> networks();

    /** @return the optimizers, each over some of the networks */
    List<OptimizerSpec> optimizers();

    /** @return the kinds of update a step makes, in the order they are reported */
    List<UpdateSpec> updates();

    /** @return the generator/discriminator pairs the health monitor watches; empty by default */
    default List<AdversarialPair> pairs() {
        return List.of();
    }

    /** @return the product network and its inputs */
    Product product();

    /** @return how many real batches one step reads from the dataset, at least 1 */
    int batchesPerStep();

    /**
     * One training step: the game's updates in its order, through {@link StepContext#update}.
     *
     * @param step what the step can draw and do
     * @return the results the step reports
     */
    StepResult step(StepContext step);

    /**
     * State the game keeps between steps apart from its networks and optimizers (an augmentation
     * probability, a pool of past fakes), saved in every checkpoint so that resumes are exact.
     *
     * @param manager where to create the arrays
     * @return the state, or an empty list (the default) for none
     */
    default NDList saveState(NDManager manager) {
        return new NDList();
    }

    /**
     * Returns to a state {@link #saveState} gave, when a run resumes or rolls back.
     *
     * @param state the arrays, as saved
     */
    default void loadState(NDList state) {}
}
