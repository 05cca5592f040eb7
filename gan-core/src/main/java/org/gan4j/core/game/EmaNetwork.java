package org.gan4j.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.core.optim.Adam;

/**
 * An exponential moving average of a network's weights, kept for a game's product (Yazici et al.
 * 2019; as in ProGAN and StyleGAN): after each step, {@code ema = decay * ema + (1 - decay) * w}
 * for every trainable weight, and batch norm's running statistics are copied as they are.
 * Averaging over the last ~1 / (1 - decay) updates smooths out the generator's oscillation around
 * the equilibrium, so samples and exports drawn from it are usually better than the last
 * iterate's.
 */
public final class EmaNetwork {

    private final Block network;
    private final float decay;
    private final List<Parameter> trainable = new ArrayList<>();
    private final List<Parameter> source = new ArrayList<>();
    private final List<Boolean> averaged = new ArrayList<>();
    private ParameterStore store;
    private final NDManager manager;

    /**
     * Builds the average as a copy of the network's current weights.
     *
     * @param network a second instance of the network's architecture, not yet initialized
     * @param trained the network being trained, initialized
     * @param inputShapes the network's input shapes, for initialization; the batch axis is set to
     *     2 (saved weight files record the shapes a block was initialized with)
     * @param manager where the average's arrays live
     * @param decay the weight of the old average, in [0, 1)
     */
    public EmaNetwork(Block network, Block trained, List<Shape> inputShapes, NDManager manager, double decay) {
        this.network = network;
        this.decay = (float) decay;
        this.manager = manager;
        network.initialize(manager, DataType.FLOAT32, inputShapes.stream()
                .map(shape -> new Shape(2).addAll(shape.slice(1))).toArray(Shape[]::new));
        var mine = network.getParameters().values();
        var theirs = trained.getParameters().values();
        if (mine.size() != theirs.size()) {
            throw new IllegalStateException("the network's architecture built twice gave different parameters");
        }
        for (int i = 0; i < mine.size(); i++) {
            trainable.add(mine.get(i));
            source.add(theirs.get(i));
            averaged.add(theirs.get(i).requiresGradient());
            mine.get(i).getArray().setRequiresGradient(false);
        }
        copyAll();
        store = new ParameterStore(manager, false);
    }

    /** Sets the average to the network's weights exactly. */
    public void copyAll() {
        for (int i = 0; i < trainable.size(); i++) {
            Adam.copyInto(trainable.get(i).getArray(), source.get(i).getArray());
        }
    }

    /** Moves the average toward the network's current weights; call after each step. */
    public void update() {
        for (int i = 0; i < trainable.size(); i++) {
            NDArray e = trainable.get(i).getArray();
            NDArray w = source.get(i).getArray();
            if (averaged.get(i)) {
                // decay * e + (1 - decay) * w, written as decay * (e - w) + w: in place, with no
                // temporary array a parameter and step.
                e.subi(w).muli(decay).addi(w);
            } else {
                Adam.copyInto(e, w); // running statistics
            }
        }
    }

    /** @return the averaged network, for sampling and saving */
    public Block network() {
        return network;
    }

    /** Forgets cached arrays after the network's parameters were loaded from a checkpoint. */
    public void parametersReplaced() {
        store = new ParameterStore(manager, false);
        trainable.clear();
        trainable.addAll(network.getParameters().values());
        trainable.forEach(p -> p.getArray().setRequiresGradient(false));
    }

    /**
     * Runs the average in inference mode.
     *
     * @param in the network's inputs
     * @return its single output
     */
    public NDArray forward(NDList in) {
        return network.forward(store, in, false).singletonOrThrow();
    }
}
