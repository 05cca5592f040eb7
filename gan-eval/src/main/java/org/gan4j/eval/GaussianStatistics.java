package org.gan4j.eval;

import org.ejml.data.DMatrixRMaj;

/**
 * The mean and unbiased covariance of a set of feature vectors, the Gaussian that {@link
 * FrechetDistance} compares, in double precision. Computed once for a reference set and reused.
 */
public final class GaussianStatistics {

    private final double[] mean;
    private final DMatrixRMaj covariance;
    private final int count;
    private DMatrixRMaj squareRoot;

    private GaussianStatistics(double[] mean, DMatrixRMaj covariance, int count) {
        this.mean = mean;
        this.covariance = covariance;
        this.count = count;
    }

    /**
     * Fits a Gaussian to feature vectors.
     *
     * @param rows the features, one row a sample, at least 2
     * @return their mean and covariance (divided by n - 1)
     */
    public static GaussianStatistics of(float[][] rows) {
        int d = Features.dimension(rows, 2, "a covariance");
        int n = rows.length;
        double[] mean = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double[] c = cov.data;
        double[] x = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                x[j] = r[j] - mean[j];
            }
            // Upper triangle only; mirrored below.
            for (int i = 0; i < d; i++) {
                double xi = x[i];
                if (xi == 0) {
                    continue;
                }
                int row = i * d;
                for (int j = i; j < d; j++) {
                    c[row + j] += xi * x[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = c[i * d + j] / (n - 1);
                c[i * d + j] = v;
                c[j * d + i] = v;
            }
        }
        return new GaussianStatistics(mean, cov, n);
    }

    /** @return the feature dimension */
    public int dimension() {
        return mean.length;
    }

    /** @return the samples fitted */
    public int count() {
        return count;
    }

    /** @return the mean (not a copy: do not change it) */
    double[] mean() {
        return mean;
    }

    /** @return the covariance (not a copy: do not change it) */
    DMatrixRMaj covariance() {
        return covariance;
    }

    /** The covariance's square root, computed on first use and kept (reference sets reuse it). */
    synchronized DMatrixRMaj squareRoot() {
        if (squareRoot == null) {
            squareRoot = FrechetDistance.squareRoot(covariance);
        }
        return squareRoot;
    }
}
