package org.gan4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.config.AdamConfig;

/**
 * Adam (Kingma and Ba 2015) over a fixed set of parameters, with PyTorch's update rule. Each
 * optimizer owns its moment estimates, so the generator and discriminator can have their own
 * learning rates and betas, and the state can be saved (DJL's optimizers cannot save theirs).
 *
 * <p>On DJL's PyTorch engine one call updates every parameter with libtorch's fused Adam kernel
 * ({@link PyTorchFusedAdam}); elsewhere each parameter takes one fused native call ({@code
 * NDArrayEx.adamUpdate}). Both zero the gradients after the update: gradients would otherwise
 * accumulate, since DJL's PyTorch gradient collector does not zero them.
 */
public final class Adam implements AutoCloseable {

    private final AdamConfig config;
    private final List<Parameter> parameters;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final boolean fused;
    private long updates;
    private double learningRateScale = 1.0;

    /**
     * Creates the optimizer and its zeroed state, on the parameters' own managers.
     *
     * @param config the hyperparameters
     * @param parameters the initialized parameters to update
     */
    public Adam(AdamConfig config, List<Parameter> parameters) {
        this(config, parameters, true);
    }

    /**
     * Creates the optimizer, choosing the update's form (for tests that compare the two).
     *
     * @param config the hyperparameters
     * @param parameters the initialized parameters to update
     * @param fusedWhenAvailable whether to use libtorch's fused kernel on the PyTorch engine
     */
    Adam(AdamConfig config, List<Parameter> parameters, boolean fusedWhenAvailable) {
        this.config = config;
        this.parameters = List.copyOf(parameters);
        for (Parameter p : this.parameters) {
            NDArray w = p.getArray();
            firstMoments.add(w.zerosLike());
            secondMoments.add(w.zerosLike());
        }
        this.fused = fusedWhenAvailable
                && !this.parameters.isEmpty()
                && "PyTorch".equals(this.parameters.get(0).getArray().getManager().getEngine().getEngineName());
    }

    /** @return the hyperparameters */
    public AdamConfig config() {
        return config;
    }

    /**
     * Scales the configured learning rate from the next update on, for schedules.
     *
     * @param scale the factor, in [0, 1]
     */
    public void setLearningRateScale(double scale) {
        if (!(scale >= 0 && scale <= 1)) {
            throw new IllegalArgumentException("learning-rate scale must be in [0, 1], got " + scale);
        }
        learningRateScale = scale;
    }

    /** @return the learning rate the next update uses */
    public double learningRate() {
        return config.learningRate() * learningRateScale;
    }

    /** @return how many updates have been applied */
    public long updates() {
        return updates;
    }

    /**
     * Applies one update from the gradients the parameters hold, then zeroes those gradients.
     * Call it inside an {@link ai.djl.ndarray.NDScope} or close nothing: the gradient handles it
     * opens are ordinary arrays that the scope releases.
     */
    public void step() {
        updates++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        if (fused) {
            // Read each step: a rollback to a checkpoint gives the parameters new arrays.
            List<NDArray> weights = parameters.stream().map(Parameter::getArray).toList();
            PyTorchFusedAdam.update(weights, firstMoments, secondMoments, updates, learningRate(), b1, b2,
                    config.epsilon());
            return;
        }
        double correction1 = 1 - Math.pow(b1, updates);
        double correction2 = Math.sqrt(1 - Math.pow(b2, updates));
        // The fused kernel computes w -= lrc * m / (sqrt(v) + eps'). PyTorch's Adam is
        // w -= lr / c1 * m / (sqrt(v) / c2 + eps); the two agree with lrc = lr * c2 / c1 and
        // eps' = eps * c2.
        float lrc = (float) (learningRate() * correction2 / correction1);
        float eps = (float) (config.epsilon() * correction2);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray grad = weight.getGradient();
            weight.getNDArrayInternal()
                    .adamUpdate(
                            new NDList(weight, grad, firstMoments.get(i), secondMoments.get(i)),
                            new NDList(weight),
                            (float) learningRate(),
                            lrc,
                            0f,
                            1f,
                            -1f,
                            (float) b1,
                            (float) b2,
                            eps,
                            false,
                            false);
            grad.close();
        }
    }

    /**
     * The optimizer's state as one list, for checkpoints: each parameter's first moment, then each
     * parameter's second moment, in the order of the parameters. With {@link #updates()} it is
     * all an optimizer needs to continue exactly where it stopped.
     *
     * @return the moment arrays themselves (not copies); encode them, do not close them
     */
    public NDList state() {
        NDList list = new NDList();
        list.addAll(firstMoments);
        list.addAll(secondMoments);
        return list;
    }

    /**
     * Returns to a saved state, copying into the existing arrays.
     *
     * @param state a list as {@link #state()} gives, possibly on another manager
     * @param updates the number of updates applied when it was saved
     * @throws IllegalArgumentException if it does not fit these parameters
     */
    public void loadState(NDList state, long updates) {
        if (state.size() != 2 * parameters.size()) {
            throw new IllegalArgumentException("optimizer state holds " + state.size() + " arrays; "
                    + parameters.size() + " parameters need " + 2 * parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray m = state.get(i);
            NDArray v = state.get(parameters.size() + i);
            if (!m.getShape().equals(firstMoments.get(i).getShape()) || !v.getShape().equals(secondMoments.get(i).getShape())) {
                throw new IllegalArgumentException("optimizer state for parameter " + i + " has shape " + m.getShape()
                        + "; the parameter has " + firstMoments.get(i).getShape());
            }
            copyInto(firstMoments.get(i), m);
            copyInto(secondMoments.get(i), v);
        }
        this.updates = updates;
    }

    /**
     * A copy of the optimizer's state, to return to later (unrolled GANs update the
     * discriminator ahead, then undo those updates).
     *
     * @return the copy; closing it releases its arrays
     */
    public Snapshot snapshot() {
        List<NDArray> m = new ArrayList<>();
        List<NDArray> v = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            m.add(firstMoments.get(i).duplicate());
            v.add(secondMoments.get(i).duplicate());
        }
        return new Snapshot(m, v, updates);
    }

    /**
     * Returns to a snapshot's state, copying into the existing arrays.
     *
     * @param snapshot taken from this optimizer
     */
    public void restore(Snapshot snapshot) {
        for (int i = 0; i < parameters.size(); i++) {
            copyInto(firstMoments.get(i), snapshot.firstMoments.get(i));
            copyInto(secondMoments.get(i), snapshot.secondMoments.get(i));
        }
        updates = snapshot.updates;
    }

    /**
     * Copies an array's values into another of the same shape, in place.
     *
     * @param target the array to overwrite
     * @param source the values
     */
    public static void copyInto(NDArray target, NDArray source) {
        target.set(new ai.djl.ndarray.index.NDIndex("..."), source);
    }

    /** A saved optimizer state. */
    public static final class Snapshot implements AutoCloseable {
        private final List<NDArray> firstMoments;
        private final List<NDArray> secondMoments;
        private final long updates;

        private Snapshot(List<NDArray> firstMoments, List<NDArray> secondMoments, long updates) {
            this.firstMoments = firstMoments;
            this.secondMoments = secondMoments;
            this.updates = updates;
        }

        @Override
        public void close() {
            firstMoments.forEach(NDArray::close);
            secondMoments.forEach(NDArray::close);
        }
    }

    @Override
    public void close() {
        firstMoments.forEach(NDArray::close);
        secondMoments.forEach(NDArray::close);
    }
}
