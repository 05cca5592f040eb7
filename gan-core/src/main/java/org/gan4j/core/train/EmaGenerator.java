package org.gan4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.core.optim.Adam;

/**
 * An exponential moving average of the generator's weights (Yazici et al. 2019; as in ProGAN and
 * StyleGAN): after each generator update, {@code ema = decay * ema + (1 - decay) * w} for every
 * trainable weight, and batch norm's running statistics are copied as they are. Averaging over the
 * last ~1 / (1 - decay) updates smooths out the generator's oscillation around the equilibrium, so
 * samples and exports drawn from it are usually better than the last iterate's.
 */
public final class EmaGenerator {

    private final Block network;
    private final float decay;
    private final List<Parameter> trainable = new ArrayList<>();
    private final List<Parameter> source = new ArrayList<>();
    private final List<Boolean> averaged = new ArrayList<>();
    private ParameterStore store;
    private final NDManager manager;

    /**
     * Builds the average as a copy of the generator's current weights.
     *
     * @param network a second instance of the generator's architecture, not yet initialized
     * @param generator the generator being trained, initialized
     * @param spec what both were built for
     * @param manager where the average's arrays live
     * @param decay the weight of the old average, in [0, 1)
     */
    EmaGenerator(Block network, Block generator, ModelSpec spec, NDManager manager, double decay) {
        this.network = network;
        this.decay = (float) decay;
        this.manager = manager;
        Shape z = new Shape(2, spec.latentSize());
        if (spec.conditional()) {
            network.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, z, new Shape(2));
        } else {
            network.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, z);
        }
        var mine = network.getParameters().values();
        var theirs = generator.getParameters().values();
        if (mine.size() != theirs.size()) {
            throw new IllegalStateException("the generator's architecture built twice gave different parameters");
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

    /** Sets the average to the generator's weights exactly. */
    void copyAll() {
        for (int i = 0; i < trainable.size(); i++) {
            Adam.copyInto(trainable.get(i).getArray(), source.get(i).getArray());
        }
    }

    /** Moves the average toward the generator's current weights; call after each generator update. */
    void update() {
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
    void parametersReplaced() {
        store = new ParameterStore(manager, false);
        trainable.clear();
        trainable.addAll(network.getParameters().values());
        trainable.forEach(p -> p.getArray().setRequiresGradient(false));
    }

    /**
     * Runs the average in inference mode.
     *
     * @param in z, and the labels for conditional generators
     * @return the samples
     */
    NDArray forward(NDList in) {
        return network.forward(store, in, false).singletonOrThrow();
    }
}
