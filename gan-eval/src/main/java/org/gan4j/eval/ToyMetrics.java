package org.gan4j.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.data.GaussianMixture;
import org.gan4j.api.eval.MetricNames;

/**
 * The toy-data metrics of VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018) for
 * samples from a generator trained on a Gaussian mixture, so results compare with their tables:
 *
 * <ul>
 *   <li>a sample is <em>high quality</em> if it lies within 3 standard deviations of its nearest
 *       mode's centre;
 *   <li>a mode is <em>covered</em> if it is the nearest mode of at least one high-quality sample;
 *   <li>the <em>reverse KL</em> is KL(p || u) between p, the fraction of high-quality samples
 *       nearest each mode, and u, the uniform distribution over modes: 0 when every mode gets
 *       the same share, log(modes) when all samples fall on one mode. NaN when there is no
 *       high-quality sample.
 * </ul>
 *
 * @param modesCovered modes covered
 * @param modes modes in the mixture
 * @param highQualityFraction the fraction of samples that are high quality, in [0, 1]
 * @param reverseKl KL(p || uniform) of the high-quality samples' mode histogram, in nats
 * @param samples how many samples were scored
 */
public record ToyMetrics(
        int modesCovered, int modes, double highQualityFraction, double reverseKl, int samples) {

    /** Metric name: modes covered. */
    public static final String MODES = MetricNames.MODES;
    /** Metric name: percent of high-quality samples. */
    public static final String HIGH_QUALITY = MetricNames.HIGH_QUALITY;
    /** Metric name: reverse KL of the mode histogram against uniform. */
    public static final String REVERSE_KL = MetricNames.REVERSE_KL;

    /**
     * Scores samples against a mixture.
     *
     * @param samples samples in the mixture's units, one row a sample
     * @param mixture the true distribution
     * @return the metrics
     */
    public static ToyMetrics compute(float[][] samples, GaussianMixture mixture) {
        double[][] centres = mixture.centres();
        int k = centres.length;
        double threshold = 3 * mixture.sigma();
        double threshold2 = threshold * threshold;
        int[] counts = new int[k];
        int highQuality = 0;
        for (float[] x : samples) {
            if (x.length != mixture.dimension()) {
                throw new IllegalArgumentException(
                        "sample has dimension " + x.length + ", mixture " + mixture.dimension());
            }
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double d2 = 0;
                for (int j = 0; j < x.length; j++) {
                    double diff = x[j] - centres[m][j];
                    d2 += diff * diff;
                }
                if (d2 < best) {
                    best = d2;
                    nearest = m;
                }
            }
            // NaN samples are never high quality: best stays infinite.
            if (best <= threshold2) {
                highQuality++;
                counts[nearest]++;
            }
        }
        int covered = 0;
        double kl = 0;
        for (int c : counts) {
            if (c > 0) {
                covered++;
                double p = (double) c / highQuality;
                kl += p * Math.log(p * k);
            }
        }
        return new ToyMetrics(
                covered,
                k,
                samples.length == 0 ? 0 : (double) highQuality / samples.length,
                highQuality == 0 ? Double.NaN : kl,
                samples.length);
    }

    /** @return the metrics by name, in the order metrics files list them */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MODES, (double) modesCovered);
        m.put(HIGH_QUALITY, 100 * highQualityFraction);
        m.put(REVERSE_KL, reverseKl);
        return m;
    }
}
