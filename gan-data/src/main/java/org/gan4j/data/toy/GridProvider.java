package org.gan4j.data.toy;

import org.gan4j.api.data.GaussianMixture;

/**
 * The 2D-grid of the PacGAN benchmark (Lin et al. 2018, after VEEGAN): 25 Gaussians with equal
 * weights, centred at {-4, -2, 0, 2, 4}², each with standard deviation 0.05. Batches are scaled
 * by 1/4 so that the centres lie in [-1, 1]; metrics are computed in the original units.
 */
public final class GridProvider extends MixtureProvider {

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public String description() {
        return "25 Gaussians on the grid {-4,-2,0,2,4}^2, sigma 0.05 (PacGAN's 2D-grid)";
    }

    @Override
    GaussianMixture mixture() {
        double[][] centres = new double[25][];
        int k = 0;
        for (int i = -2; i <= 2; i++) {
            for (int j = -2; j <= 2; j++) {
                centres[k++] = new double[] {2.0 * i, 2.0 * j};
            }
        }
        return new GaussianMixture(centres, 0.05);
    }
}
