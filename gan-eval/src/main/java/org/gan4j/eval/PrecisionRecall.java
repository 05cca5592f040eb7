package org.gan4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Improved precision and recall of Kynkäänniemi, Karras, Laine, Lehtinen and Aila, "Improved
 * Precision and Recall Metric for Assessing Generative Models" (NeurIPS 2019). Each set's
 * manifold is the union of balls around its samples, each ball's radius the distance to the
 * sample's k-th nearest neighbour in its own set (k = 3 in the paper). Precision is the share of
 * generated samples inside the reference manifold (quality); recall is the share of reference
 * samples inside the generated manifold (coverage).
 *
 * <p>The paper compares equal numbers of reference and generated samples; {@link
 * QualityEvaluation} passes the same count of each. Distances are computed in blocks through
 * the engine's matrix multiply, in float32 as in the paper's implementation.
 *
 * @param precision the share of generated samples within the reference manifold, in [0, 1]
 * @param recall the share of reference samples within the generated manifold, in [0, 1]
 * @param k the neighbour that sets the radii
 */
public record PrecisionRecall(double precision, double recall, int k) {

    /** The neighbour of the paper. */
    public static final int DEFAULT_K = 3;

    private static final int BLOCK = 1024;

    /**
     * Precision and recall with k = 3.
     *
     * @param reference the reference features, more than 3 rows
     * @param generated the generated features, more than 3 rows of the same dimension
     * @return the two shares
     */
    public static PrecisionRecall compute(float[][] reference, float[][] generated) {
        return compute(reference, generated, DEFAULT_K);
    }

    /**
     * Precision and recall.
     *
     * @param reference the reference features, more than k rows
     * @param generated the generated features, more than k rows of the same dimension
     * @param k the neighbour whose distance is a sample's radius, at least 1
     * @return the two shares
     */
    public static PrecisionRecall compute(float[][] reference, float[][] generated, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Features.sameDimension(reference, generated, k + 1, "precision and recall");
        try (NDManager manager = Features.manager()) {
            NDArray r = Features.stack(manager, reference);
            NDArray g = Features.stack(manager, generated);
            NDArray rRadii = radii(r, k);
            NDArray gRadii = radii(g, k);
            double precision = coverage(g, r, rRadii);
            double recall = coverage(r, g, gRadii);
            return new PrecisionRecall(precision, recall, k);
        }
    }

    /** Each row's squared distance to its k-th nearest other row: [n]. */
    private static NDArray radii(NDArray x, int k) {
        long n = x.getShape().get(0);
        float[] out = new float[(int) n];
        for (long from = 0; from < n; from += BLOCK) {
            long to = Math.min(n, from + BLOCK);
            try (NDManager scratch = x.getManager().newSubManager()) {
                NDArray block = x.get(from + ":" + to);
                block.attach(scratch);
                NDArray d = Features.squaredDistances(block, x);
                d.attach(scratch);
                // The smallest k + 1 include the row itself (distance 0), so the last is the k-th neighbour.
                NDArray smallest = d.topK(k + 1, 1, false, true).get(0);
                smallest.attach(scratch);
                float[] kth = smallest.get(":, " + k).toFloatArray();
                System.arraycopy(kth, 0, out, (int) from, kth.length);
            }
        }
        return x.getManager().create(out);
    }

    /** The share of the rows of {@code x} within the radius of at least one row of {@code y}. */
    private static double coverage(NDArray x, NDArray y, NDArray yRadii) {
        long n = x.getShape().get(0);
        long inside = 0;
        NDArray radiusRow = yRadii.reshape(1, -1);
        for (long from = 0; from < n; from += BLOCK) {
            long to = Math.min(n, from + BLOCK);
            try (NDManager scratch = x.getManager().newSubManager()) {
                NDArray block = x.get(from + ":" + to);
                block.attach(scratch);
                NDArray within = Features.squaredDistances(block, y).lte(radiusRow);
                within.attach(scratch);
                NDArray any = within.toType(DataType.INT32, false).max(new int[] {1});
                any.attach(scratch);
                inside += any.toType(DataType.INT64, false).sum().getLong();
            }
        }
        return (double) inside / n;
    }
}
