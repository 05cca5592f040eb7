package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerContext;
import org.gan4j.api.regularize.RegularizerProvider;

/**
 * The R1 penalty of Mescheder et al. (2018): {@code γ/2 · E[‖∇D(x)‖²]} on real data, which keeps
 * the discriminator flat on the data manifold and makes GAN training converge locally.
 */
public final class R1Penalty implements RegularizerProvider {

    @Override
    public String name() {
        return "r1";
    }

    @Override
    public String description() {
        return "R1 gradient penalty on real data (Mescheder et al. 2018)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(new OptionSpec("gamma", "10", "the penalty's weight gamma; the penalty is gamma/2 E|grad D(x)|^2"));
    }

    @Override
    public Regularizer create(Options options) {
        double gamma = options.getNonNegativeDouble("gamma");
        return new Regularizer() {
            @Override
            public NDArray discriminatorPenalty(RegularizerContext context) {
                NDArray real = context.requireGradient(context.real());
                NDArray scores = context.score(real, context.realLabels());
                NDArray grad = context.inputGradient(scores, real);
                long n = grad.getShape().get(0);
                return Scalars.times(grad.reshape(n, -1).square().sum(new int[] {1}).mean(), gamma / 2);
            }
        };
    }
}
