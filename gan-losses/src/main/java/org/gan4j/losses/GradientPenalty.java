package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerContext;
import org.gan4j.api.regularize.RegularizerProvider;

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al. 2017): {@code weight * E[(‖∇D(x̂)‖₂ -
 * target)²]} at points {@code x̂ = εx + (1 - ε)G(z)} with ε ~ U[0, 1) drawn per sample. The
 * one-sided form penalizes only norms above the target, {@code E[max(0, ‖∇D(x̂)‖₂ - target)²]}.
 * Needs second-order gradients: the penalty's gradient with respect to the discriminator's weights
 * goes through ∇D.
 */
public final class GradientPenalty implements RegularizerProvider, Regularizer {

    static final List<OptionSpec> OPTIONS =
            List.of(
                    new OptionSpec("weight", "10", "the penalty's weight (lambda)"),
                    new OptionSpec("target", "1", "the gradient norm the penalty pulls towards"),
                    new OptionSpec("one-sided", "false", "penalize only norms above the target"));

    private final double weight;
    private final double target;
    private final boolean oneSided;

    /** For ServiceLoader. */
    public GradientPenalty() {
        this(10, 1, false);
    }

    GradientPenalty(Options options) {
        this(
                options.getNonNegativeDouble("weight"),
                options.getNonNegativeDouble("target"),
                options.getBoolean("one-sided"));
    }

    private GradientPenalty(double weight, double target, boolean oneSided) {
        this.weight = weight;
        this.target = target;
        this.oneSided = oneSided;
    }

    @Override
    public String name() {
        return "wgan-gp";
    }

    @Override
    public String description() {
        return "WGAN-GP gradient penalty on real-fake interpolates (Gulrajani et al. 2017)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Regularizer create(Options options) {
        return new GradientPenalty(options);
    }

    @Override
    public NDArray discriminatorPenalty(RegularizerContext context) {
        NDArray real = context.real();
        NDArray fake = context.fake();
        Shape shape = real.getShape();
        long n = shape.get(0);
        // One epsilon per sample, broadcast over the sample's other axes.
        long[] epsShape = new long[shape.dimension()];
        java.util.Arrays.fill(epsShape, 1);
        epsShape[0] = n;
        NDArray eps = context.uniform(Math.toIntExact(n)).reshape(new Shape(epsShape));
        NDArray mixed = context.requireGradient(real.mul(eps).add(fake.mul(eps.neg().add(1))));
        NDArray scores = context.score(mixed, context.realLabels());
        NDArray norms = gradientNorms(context.inputGradient(scores, mixed));
        NDArray gap = norms.sub((float) target);
        if (oneSided) {
            gap = Activation.relu(gap);
        }
        return Scalars.times(gap.square().mean(), weight);
    }

    /** The L2 norm of each sample's gradient; a tiny floor keeps sqrt differentiable at 0. */
    static NDArray gradientNorms(NDArray gradient) {
        long n = gradient.getShape().get(0);
        return gradient.reshape(n, -1).square().sum(new int[] {1}).add(1e-12f).sqrt();
    }
}
