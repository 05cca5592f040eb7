package org.gan4j.eval;

/**
 * Sample diversity as the mean pairwise L2 distance of a set of samples. The trainer reports the
 * generated samples' value divided by the real data's as the epoch metric {@value #METRIC}: about
 * 1 when the generator spreads its samples as the data does, towards 0 when it collapses them onto
 * a few points (mode collapse).
 */
public final class Diversity {

    /** The epoch metric's name in the metrics map and {@code metrics.csv}. */
    public static final String METRIC = org.gan4j.api.eval.MetricNames.DIVERSITY;

    /**
     * At most this many samples enter the measure: the pairs grow with its square, and 1000
     * samples (half a million pairs) already pin the mean down to well under a percent.
     */
    public static final int MAX_SAMPLES = 1000;

    private Diversity() {}

    /**
     * The mean L2 distance between two distinct samples of the first {@link #MAX_SAMPLES} rows.
     *
     * @param rows one sample a row, all of one length
     * @return the mean distance, or NaN for fewer than two rows
     */
    public static double meanPairwiseDistance(float[][] rows) {
        int n = Math.min(rows.length, MAX_SAMPLES);
        if (n < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float[] a = rows[i];
            for (int j = i + 1; j < n; j++) {
                float[] b = rows[j];
                double s = 0;
                for (int k = 0; k < a.length; k++) {
                    double d = a[k] - b[k];
                    s += d * d;
                }
                sum += Math.sqrt(s);
            }
        }
        return sum / ((double) n * (n - 1) / 2);
    }
}
