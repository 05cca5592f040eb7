package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerContext;
import org.gan4j.api.regularize.RegularizerProvider;

/**
 * Instance noise (Sønderby et al. 2017; Arjovsky and Bottou 2017): Gaussian noise added to every
 * discriminator input, real and fake, so that the two distributions overlap and the
 * discriminator's gradients stay informative early on. The noise's standard deviation falls
 * linearly from {@code sigma} to zero over {@code anneal-steps} steps (the whole run by default).
 */
public final class InstanceNoise implements RegularizerProvider {

    @Override
    public String name() {
        return "instance-noise";
    }

    @Override
    public String description() {
        return "Gaussian noise on discriminator inputs, annealed to zero (Sonderby et al. 2017)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec("sigma", "0.1", "initial standard deviation, in the model's units"),
                new OptionSpec("anneal-steps", "0", "steps over which sigma falls to zero; 0 for the whole run"));
    }

    @Override
    public Regularizer create(Options options) {
        double sigma = options.getNonNegativeDouble("sigma");
        int anneal = options.getInt("anneal-steps");
        if (anneal < 0) {
            throw options.invalid("anneal-steps", options.getString("anneal-steps"), "0 or positive");
        }
        return new Regularizer() {
            @Override
            public NDArray discriminatorInput(NDArray x, RegularizerContext context) {
                double s = sigmaAt(sigma, anneal, context.step(), context.totalSteps());
                if (s == 0) {
                    return x;
                }
                return x.add(context.normal(x.getShape().getShape()).mul((float) s));
            }
        };
    }

    /**
     * The noise level at a step.
     *
     * @param sigma the initial level
     * @param anneal steps to reach zero, or 0 for the whole run
     * @param step the step, from 1
     * @param total the run's steps
     * @return the level, falling linearly from sigma at step 1 to 0
     */
    static double sigmaAt(double sigma, long anneal, long step, long total) {
        long span = anneal > 0 ? anneal : total;
        return sigma * Math.max(0, 1 - (double) (step - 1) / span);
    }
}
