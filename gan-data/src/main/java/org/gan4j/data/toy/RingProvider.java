package org.gan4j.data.toy;

import org.gan4j.api.data.GaussianMixture;

/**
 * The 2D-ring of the PacGAN benchmark (Lin et al. 2018, after VEEGAN): 8 Gaussians with equal
 * weights, centred on the unit circle at angles 2πk/8, each with standard deviation 0.01.
 */
public final class RingProvider extends MixtureProvider {

    @Override
    public String name() {
        return "ring";
    }

    @Override
    public String description() {
        return "8 Gaussians on the unit circle, sigma 0.01 (PacGAN's 2D-ring)";
    }

    @Override
    GaussianMixture mixture() {
        double[][] centres = new double[8][];
        for (int k = 0; k < 8; k++) {
            double angle = 2 * Math.PI * k / 8;
            centres[k] = new double[] {Math.cos(angle), Math.sin(angle)};
        }
        return new GaussianMixture(centres, 0.01);
    }
}
