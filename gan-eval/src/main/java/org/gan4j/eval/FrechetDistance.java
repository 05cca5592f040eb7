package org.gan4j.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors, the measure behind the
 * Fréchet Inception Distance of Heusel, Ramsauer, Unterthiner, Nessler and Hochreiter, "GANs
 * Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium" (NeurIPS 2017):
 *
 * <pre>  d² = ||mu_r - mu_g||² + Tr(S_r + S_g - 2 (S_r S_g)^(1/2))</pre>
 *
 * <p>The trace of the matrix square root is computed stably in double precision: since
 * {@code S_r S_g} is similar to the symmetric positive semi-definite {@code A = S_r^(1/2) S_g
 * S_r^(1/2)}, {@code Tr((S_r S_g)^(1/2))} is the sum of the square roots of A's eigenvalues,
 * which a symmetric eigen-decomposition gives without the complex intermediate results that
 * {@code scipy.linalg.sqrtm} can produce; eigenvalues that rounding makes slightly negative are
 * clipped to 0. Covariances are the unbiased sample covariances (divided by n - 1), as in the
 * reference implementation ({@code numpy.cov}).
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /**
     * The Fréchet distance of two feature sets.
     *
     * @param reference the reference features, at least 2 rows
     * @param generated the generated features, at least 2 rows of the same dimension
     * @return the squared Fréchet distance, at least 0
     */
    public static double compute(float[][] reference, float[][] generated) {
        Features.sameDimension(reference, generated, 2, "the Fréchet distance");
        return between(GaussianStatistics.of(reference), GaussianStatistics.of(generated));
    }

    /**
     * The Fréchet distance of two fitted Gaussians.
     *
     * @param r the reference statistics
     * @param g the generated statistics
     * @return the squared Fréchet distance, at least 0
     */
    public static double between(GaussianStatistics r, GaussianStatistics g) {
        int d = r.dimension();
        if (g.dimension() != d) {
            throw new IllegalArgumentException("the Fréchet distance: reference features have dimension " + d
                    + ", generated ones " + g.dimension());
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = r.mean()[i] - g.mean()[i];
            meanTerm += diff * diff;
        }
        DMatrixRMaj sr = r.covariance();
        DMatrixRMaj sg = g.covariance();
        DMatrixRMaj root = r.squareRoot();
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj a = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root, sg, tmp);
        CommonOps_DDRM.mult(tmp, root, a);
        double traceRoot = 0;
        for (double lambda : symmetricEigenvalues(a)) {
            traceRoot += Math.sqrt(Math.max(lambda, 0));
        }
        double value = meanTerm + CommonOps_DDRM.trace(sr) + CommonOps_DDRM.trace(sg) - 2 * traceRoot;
        // Rounding can leave an exact match a hair below zero.
        return Math.max(value, 0);
    }

    /** The eigenvalues of a symmetric matrix (symmetrized first against rounding). */
    static double[] symmetricEigenvalues(DMatrixRMaj m) {
        int d = m.numRows;
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.transpose(m, s);
        CommonOps_DDRM.addEquals(s, m);
        CommonOps_DDRM.scale(0.5, s);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(s)) {
            throw new ArithmeticException("the eigen-decomposition of a " + d + " x " + d + " covariance failed");
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        return values;
    }

    /** The square root of a symmetric positive semi-definite matrix, V diag(sqrt(max(l, 0))) V^T. */
    static DMatrixRMaj squareRoot(DMatrixRMaj m) {
        int d = m.numRows;
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.transpose(m, s);
        CommonOps_DDRM.addEquals(s, m);
        CommonOps_DDRM.scale(0.5, s);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(s)) {
            throw new ArithmeticException("the eigen-decomposition of a " + d + " x " + d + " covariance failed");
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double root = Math.sqrt(Math.max(eig.getEigenvalue(k).getReal(), 0));
            if (root == 0) {
                continue;
            }
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                double vi = v.get(i) * root;
                if (vi == 0) {
                    continue;
                }
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    out.data[row + j] += vi * v.get(j);
                }
            }
        }
        return out;
    }
}
