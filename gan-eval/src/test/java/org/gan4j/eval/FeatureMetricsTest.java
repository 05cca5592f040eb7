package org.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The feature metrics against independent references: numbers computed once with numpy (the
 * script is quoted in {@link #data}), and closed forms.
 */
class FeatureMetricsTest {

    /**
     * Fixed data, the same in numpy: {@code np.sin(a*i + b*j + 0.013*i*j).astype(np.float32)}. The
     * expected values below came from /usr/bin/python3 (numpy 1.x) with:
     *
     * <pre>
     * R = data(60, 5, 0.7, 1.3); G = data(50, 5, 0.45, 0.9) * 1.2 + 0.3
     * fid: mu/cov (np.cov, rowvar=False) in float64; Tr sqrt(S1 S2) = sum(sqrt(np.linalg.eigvals(S1 @ S2).real))
     * kid: unbiased MMD^2 of (x.y/d + 1)^3 over all of R[:50] and G (one "subset" of everything)
     * pr: k=3, radii = np.sort(cdist(r, r), 1)[:, 3]; precision = (cdist(g, r) <= radii_r).any(1).mean()
     * is: P = softmax(3 * data(40, 4, 0.3, 2.1)); 4 consecutive splits; np.mean, np.std
     * </pre>
     */
    static float[][] data(int n, int d, double a, double b) {
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) Math.sin(a * i + b * j + 0.013 * i * j);
            }
        }
        return x;
    }

    private static float[][] reference() {
        return data(60, 5, 0.7, 1.3);
    }

    private static float[][] generated() {
        float[][] g = data(50, 5, 0.45, 0.9);
        for (float[] row : g) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] * 1.2f + 0.3f;
            }
        }
        return g;
    }

    @Test
    void frechetDistanceMatchesNumpy() {
        assertEquals(1.4778911337489387, FrechetDistance.compute(reference(), generated()), 1e-6);
        assertEquals(0, FrechetDistance.compute(reference(), reference()), 1e-9);
    }

    /** 2d points mu ± a_j e_j: mean mu and diagonal covariance 2 a_j² / (2d - 1). */
    private static float[][] gaussianDesign(double[] mu, double[] variances) {
        int d = mu.length;
        float[][] x = new float[2 * d][d];
        for (int j = 0; j < d; j++) {
            double a = Math.sqrt(variances[j] * (2 * d - 1) / 2.0);
            for (int i = 0; i < d; i++) {
                x[2 * j][i] = (float) mu[i];
                x[2 * j + 1][i] = (float) mu[i];
            }
            x[2 * j][j] += (float) a;
            x[2 * j + 1][j] -= (float) a;
        }
        return x;
    }

    @Test
    void frechetDistanceOfDiagonalGaussiansIsTheClosedForm() {
        double[] mu1 = {0, 1, -2};
        double[] v1 = {1, 4, 0.25};
        double[] mu2 = {1, 1, 0};
        double[] v2 = {4, 1, 0.25};
        // ||mu1 - mu2||² + sum (sqrt(v1) - sqrt(v2))² = (1 + 0 + 4) + (1 + 1 + 0) = 7
        assertEquals(7.0, FrechetDistance.compute(gaussianDesign(mu1, v1), gaussianDesign(mu2, v2)), 1e-5);
    }

    @Test
    void kernelDistanceMatchesNumpyOverOneSubsetOfEverything() {
        float[][] r = java.util.Arrays.copyOf(reference(), 50);
        KernelDistance kid = KernelDistance.compute(r, generated(), 1, 1000, 7);
        assertEquals(50, kid.subsetSize());
        assertEquals(0.5342928266596356, kid.mean(), 1e-5);
        assertEquals(0, kid.std(), 0);
    }

    private static float[][] gaussian(int n, int d, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (random.nextGaussian() + shift);
            }
        }
        return x;
    }

    @Test
    void kernelDistanceIsNearZeroForOneDistributionAndPositiveForAShiftedOne() {
        float[][] r = gaussian(600, 8, 0, 1);
        KernelDistance same = KernelDistance.compute(r, gaussian(400, 8, 0, 2), 20, 300, 3);
        KernelDistance shifted = KernelDistance.compute(r, gaussian(400, 8, 0.5, 2), 20, 300, 3);
        assertEquals(300, same.subsetSize());
        assertEquals(20, same.subsets());
        // Finite-sample noise of 400 samples in 8 dimensions; it measured 0.029 ± 0.016 (the
        // shifted set: over 1). An unbiased estimate has no offset of its own.
        assertTrue(Math.abs(same.mean()) < 0.08, "same distribution: " + same);
        assertTrue(same.std() > 0, "subsets differ: " + same);
        assertTrue(shifted.mean() > 0.5, "shifted: " + shifted + " vs " + same);
        assertEquals(same, KernelDistance.compute(r, gaussian(400, 8, 0, 2), 20, 300, 3), "seeded");
    }

    @Test
    void precisionAndRecallMatchNumpy() {
        PrecisionRecall pr = PrecisionRecall.compute(reference(), generated());
        assertEquals(0.24, pr.precision(), 1e-12);
        assertEquals(0.4666666666666667, pr.recall(), 1e-12);
    }

    @Test
    void precisionAndRecallOnConstructedSets() {
        float[][] r = gaussian(40, 3, 0, 5);
        PrecisionRecall identical = PrecisionRecall.compute(r, r);
        assertEquals(1.0, identical.precision());
        assertEquals(1.0, identical.recall());
        // G = R plus as many points far away: every real sample is a generated one (recall 1),
        // half the generated samples are outside every real ball (precision 0.5).
        float[][] g = new float[80][];
        float[][] far = gaussian(40, 3, 100, 6);
        for (int i = 0; i < 40; i++) {
            g[i] = r[i];
            g[40 + i] = far[i];
        }
        PrecisionRecall half = PrecisionRecall.compute(r, g);
        assertEquals(0.5, half.precision());
        assertEquals(1.0, half.recall());
        PrecisionRecall disjoint = PrecisionRecall.compute(r, far);
        assertEquals(0.0, disjoint.precision());
        assertEquals(0.0, disjoint.recall());
    }

    @Test
    void classifierScoreMatchesNumpyAndItsBounds() {
        float[][] logits = data(40, 4, 0.3, 2.1);
        float[][] p = new float[40][4];
        for (int i = 0; i < 40; i++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                sum += Math.exp(3 * logits[i][c]);
            }
            for (int c = 0; c < 4; c++) {
                p[i][c] = (float) (Math.exp(3 * logits[i][c]) / sum);
            }
        }
        ClassifierScore score = ClassifierScore.compute(p, 4);
        assertEquals(1.6176732658731696, score.mean(), 1e-5);
        assertEquals(0.059429275144213346, score.std(), 1e-5);

        float[][] confident = new float[100][10];
        float[][] constant = new float[100][10];
        for (int i = 0; i < 100; i++) {
            confident[i][i % 10] = 1;
            constant[i][3] = 1;
        }
        assertEquals(10.0, ClassifierScore.compute(confident).mean(), 1e-9);
        assertEquals(0.0, ClassifierScore.compute(confident).std(), 1e-9);
        assertEquals(1.0, ClassifierScore.compute(constant).mean(), 1e-9);
    }

    @Test
    void mismatchedFeaturesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.compute(data(10, 4, 1, 1), data(10, 5, 1, 1)));
        assertTrue(e.getMessage().contains("dimension 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelDistance.compute(data(1, 4, 1, 1), data(10, 4, 1, 1), 1));
    }
}
