package org.gan4j.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.gan4j.core.engine.DjlEnvironment;

/**
 * Helpers shared by the feature metrics: checks of feature matrices, seeded subsets, and the
 * pairwise products that dominate the kernel and nearest-neighbour metrics, run through the
 * engine's matrix multiply (tens of times faster than plain Java loops at thousands of rows).
 */
final class Features {

    private Features() {}

    /**
     * Checks that a feature matrix is rectangular, has at least {@code minRows} rows, and
     * returns its dimension.
     */
    static int dimension(float[][] rows, int minRows, String what) {
        if (rows == null || rows.length < minRows) {
            throw new IllegalArgumentException(
                    what + " needs at least " + minRows + " samples, got " + (rows == null ? 0 : rows.length));
        }
        int d = rows[0].length;
        for (float[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException(what + ": feature rows of different lengths " + d + " and " + r.length);
            }
        }
        return d;
    }

    /** Both matrices, checked to have the same dimension. */
    static int sameDimension(float[][] a, float[][] b, int minRows, String what) {
        int da = dimension(a, minRows, what);
        int db = dimension(b, minRows, what);
        if (da != db) {
            throw new IllegalArgumentException(what + ": reference features have dimension " + da
                    + ", generated ones " + db);
        }
        return da;
    }

    /** A CPU manager of the default engine, for the pairwise products. */
    static NDManager manager() {
        DjlEnvironment.engine();
        return NDManager.newBaseManager(Device.cpu());
    }

    /** The rows, stacked into one [n, d] array. */
    static NDArray stack(NDManager manager, float[][] rows) {
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return manager.create(flat, new Shape(rows.length, d));
    }

    /** The chosen rows, stacked into one [indices.length, d] array. */
    static NDArray stack(NDManager manager, float[][] rows, int[] indices) {
        int d = rows[0].length;
        float[] flat = new float[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(rows[indices[i]], 0, flat, i * d, d);
        }
        return manager.create(flat, new Shape(indices.length, d));
    }

    /** {@code m} distinct indices out of {@code n}, drawn uniformly (a partial Fisher-Yates shuffle). */
    static int[] choose(int n, int m, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, m);
    }

    /** Squared Euclidean distances between the rows of a [n, d] and b [m, d]: [n, m], clipped at 0. */
    static NDArray squaredDistances(NDArray a, NDArray b) {
        NDArray a2 = a.square().sum(new int[] {1}, true);
        NDArray b2 = b.square().sum(new int[] {1}, true).transpose();
        return a2.add(b2).sub(a.matMul(b.transpose()).mul(2)).maximum(0f);
    }

    /**
     * The mean and the population standard deviation of a metric's estimates over subsets or
     * splits, as KID and the Inception score report them.
     *
     * @param estimates at least one value
     * @return {mean, std}
     */
    static double[] meanAndStd(double[] estimates) {
        double mean = 0;
        for (double e : estimates) {
            mean += e;
        }
        mean /= estimates.length;
        double var = 0;
        for (double e : estimates) {
            var += (e - mean) * (e - mean);
        }
        return new double[] {mean, Math.sqrt(var / estimates.length)};
    }
}
