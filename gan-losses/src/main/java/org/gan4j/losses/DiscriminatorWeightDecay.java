package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerContext;
import org.gan4j.api.regularize.RegularizerProvider;

/**
 * An L2 penalty on the discriminator's weights (not its biases or normalization parameters):
 * {@code weight · Σ‖W‖²}, added to the discriminator's loss. Limits how sharp the discriminator
 * can become.
 */
public final class DiscriminatorWeightDecay implements RegularizerProvider {

    @Override
    public String name() {
        return "d-weight-decay";
    }

    @Override
    public String description() {
        return "L2 penalty on the discriminator's weights";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(new OptionSpec("weight", "0.0001", "the penalty's weight"));
    }

    @Override
    public Regularizer create(Options options) {
        double weight = options.getNonNegativeDouble("weight");
        return new Regularizer() {
            @Override
            public NDArray discriminatorPenalty(RegularizerContext context) {
                NDArray total = null;
                for (Parameter p : context.discriminatorParameters()) {
                    if (p.getType() != Parameter.Type.WEIGHT) {
                        continue;
                    }
                    NDArray term = p.getArray().square().sum();
                    total = total == null ? term : total.add(term);
                }
                return total == null ? null : Scalars.times(total, weight);
            }
        };
    }
}
