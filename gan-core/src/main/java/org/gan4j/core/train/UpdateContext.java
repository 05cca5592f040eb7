package org.gan4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.regularize.RegularizerContext;
import org.gan4j.core.autodiff.InputGradients;

/**
 * The {@link RegularizerContext} of one update. Random draws come from streams derived from the
 * run's seed, the step and the update, so regularized runs reproduce exactly.
 */
final class UpdateContext implements RegularizerContext {

    private static final long REGULARIZER_STREAM = 0x5245475553L; // "REGUS"

    private final GanNetworkState nets;
    private final InputGradients gradients;
    private final long seed;
    private final long step;
    private final long totalSteps;
    private final long update;
    private long draws;
    NDArray real;
    NDArray fake;
    NDArray realLabels;
    NDArray fakeLabels;

    UpdateContext(GanNetworkState nets, InputGradients gradients, long seed, long step, long totalSteps, long update) {
        this.nets = nets;
        this.gradients = gradients;
        this.seed = seed;
        this.step = step;
        this.totalSteps = totalSteps;
        this.update = update;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public NDManager manager() {
        return nets.manager();
    }

    @Override
    public NDArray real() {
        return real;
    }

    @Override
    public NDArray fake() {
        return fake;
    }

    @Override
    public NDArray realLabels() {
        return realLabels;
    }

    @Override
    public NDArray fakeLabels() {
        return fakeLabels;
    }

    @Override
    public List<Parameter> discriminatorParameters() {
        return nets.discriminatorParameters();
    }

    @Override
    public NDArray score(NDArray x, NDArray labels) {
        return nets.score(x, labels, true);
    }

    @Override
    public NDArray inputGradient(NDArray output, NDArray input) {
        return gradients.inputGradient(output, input);
    }

    @Override
    public NDArray requireGradient(NDArray x) {
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    private SplittableRandom nextStream() {
        return Seeds.stream(seed, REGULARIZER_STREAM, step, update, draws++);
    }

    @Override
    public NDArray uniform(int count) {
        SplittableRandom r = nextStream();
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextDouble();
        }
        return nets.manager().create(v);
    }

    @Override
    public NDArray normal(long... shape) {
        Shape s = new Shape(shape);
        SplittableRandom r = nextStream();
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return nets.manager().create(v, s);
    }
}
