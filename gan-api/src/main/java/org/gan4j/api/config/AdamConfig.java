package org.gan4j.api.config;

import org.gan4j.api.ConfigException;

/**
 * Hyperparameters of one Adam optimizer (Kingma and Ba 2015).
 *
 * @param learningRate the step size, positive
 * @param beta1 the first-moment decay, in [0, 1)
 * @param beta2 the second-moment decay, in [0, 1)
 * @param epsilon the denominator's guard, positive
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {

    /** Checks each value; the messages name the field without its parent, which callers add. */
    public AdamConfig {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new ConfigException("learningRate must be a positive number, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new ConfigException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new ConfigException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new ConfigException("epsilon must be a positive number, got " + epsilon);
        }
    }

    /**
     * Adam with PyTorch's defaults except the learning rate and beta1.
     *
     * @param learningRate the step size
     * @param beta1 the first-moment decay
     * @return the config
     */
    public static AdamConfig of(double learningRate, double beta1) {
        return new AdamConfig(learningRate, beta1, 0.999, 1e-8);
    }
}
