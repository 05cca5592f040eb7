package org.gan4j.api.data;

import java.util.Objects;

/**
 * A mixture of isotropic Gaussians with equal weights, in the dataset's own units: the ground
 * truth that the toy metrics (modes covered, high-quality samples, reverse KL) compare against.
 *
 * @param centres the modes' centres, one row a mode, all of one dimension
 * @param sigma the standard deviation of every mode
 */
public record GaussianMixture(double[][] centres, double sigma) {

    /** Validates the mixture. */
    public GaussianMixture {
        Objects.requireNonNull(centres, "centres");
        if (centres.length == 0) {
            throw new IllegalArgumentException("a mixture needs at least one mode");
        }
        int d = centres[0].length;
        for (double[] c : centres) {
            if (c.length != d) {
                throw new IllegalArgumentException("all centres must have dimension " + d);
            }
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
    }

    /** @return the number of modes */
    public int modes() {
        return centres.length;
    }

    /** @return the dimension of the samples */
    public int dimension() {
        return centres[0].length;
    }
}
