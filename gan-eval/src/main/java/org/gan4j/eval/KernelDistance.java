package org.gan4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * The Kernel Inception Distance (KID) of Bińkowski, Sutherland, Arbel and Gretton, "Demystifying
 * MMD GANs" (ICLR 2018): the unbiased estimate of the squared maximum mean discrepancy between
 * the reference and generated features under the cubic polynomial kernel {@code k(x, y) = (x·y /
 * d + 1)^3}, averaged over random subsets. Unlike the Fréchet distance its estimator is unbiased,
 * so values from different sample counts compare, and it can be slightly negative when the two
 * sets come from the same distribution.
 *
 * <p>Defaults as in the paper and TF-GAN's {@code kernel_classifier_distance}: 100 subsets of
 * {@code min(1000, n_reference, n_generated)} samples each, drawn without replacement; the
 * reported spread is the (population) standard deviation of the subset estimates.
 *
 * @param mean the mean of the subset estimates of MMD²
 * @param std their standard deviation
 * @param subsets the number of subsets
 * @param subsetSize the samples in each subset (of each set)
 */
public record KernelDistance(double mean, double std, int subsets, int subsetSize) {

    /** Subsets when not told otherwise. */
    public static final int DEFAULT_SUBSETS = 100;
    /** The largest subset when not told otherwise. */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    /**
     * KID with the default subsets.
     *
     * @param reference the reference features, at least 2 rows
     * @param generated the generated features, at least 2 rows of the same dimension
     * @param seed fixes the subsets
     * @return the estimate and its spread
     */
    public static KernelDistance compute(float[][] reference, float[][] generated, long seed) {
        return compute(reference, generated, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, seed);
    }

    /**
     * KID.
     *
     * @param reference the reference features, at least 2 rows
     * @param generated the generated features, at least 2 rows of the same dimension
     * @param subsets how many subsets to average, at least 1
     * @param maxSubsetSize the largest subset; the subsets hold {@code min(maxSubsetSize,
     *     n_reference, n_generated)} samples of each set
     * @param seed fixes the subsets
     * @return the estimate and its spread
     */
    public static KernelDistance compute(
            float[][] reference, float[][] generated, int subsets, int maxSubsetSize, long seed) {
        int d = Features.sameDimension(reference, generated, 2, "KID");
        if (subsets < 1 || maxSubsetSize < 2) {
            throw new IllegalArgumentException("KID needs at least 1 subset of at least 2 samples");
        }
        int m = Math.min(maxSubsetSize, Math.min(reference.length, generated.length));
        SplittableRandom random = new SplittableRandom(seed);
        double[] estimates = new double[subsets];
        try (NDManager manager = Features.manager()) {
            for (int s = 0; s < subsets; s++) {
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray x = Features.stack(scratch, reference, Features.choose(reference.length, m, random));
                    NDArray y = Features.stack(scratch, generated, Features.choose(generated.length, m, random));
                    double kxx = offDiagonalSum(kernel(x, x, d));
                    double kyy = offDiagonalSum(kernel(y, y, d));
                    // Summed in double: MMD² is a small difference of large sums.
                    double kxy = kernel(x, y, d).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).sum().getDouble();
                    estimates[s] = (kxx + kyy) / ((double) m * (m - 1)) - 2 * kxy / ((double) m * m);
                }
            }
        }
        double[] spread = Features.meanAndStd(estimates);
        return new KernelDistance(spread[0], spread[1], subsets, m);
    }

    private static NDArray kernel(NDArray a, NDArray b, int d) {
        return a.matMul(b.transpose()).div(d).add(1f).pow(3f);
    }

    private static double offDiagonalSum(NDArray k) {
        NDArray k64 = k.toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
        return k64.sum().getDouble() - k64.diagonal().sum().getDouble();
    }
}
