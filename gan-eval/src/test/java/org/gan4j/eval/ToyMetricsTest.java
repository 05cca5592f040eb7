package org.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gan4j.api.data.GaussianMixture;
import org.junit.jupiter.api.Test;

class ToyMetricsTest {

    // Four modes at the corners of a square, sigma 0.1: high quality means within 0.3.
    private static final GaussianMixture SQUARE =
            new GaussianMixture(new double[][] {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}}, 0.1);

    @Test
    void allSamplesOnOneModeCoverOneModeWithMaximalKl() {
        float[][] samples = new float[100][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new float[] {1.05f, 0.98f};
        }
        ToyMetrics m = ToyMetrics.compute(samples, SQUARE);
        assertEquals(1, m.modesCovered());
        assertEquals(1.0, m.highQualityFraction());
        assertEquals(Math.log(4), m.reverseKl(), 1e-12);
    }

    @Test
    void evenSpreadHasZeroKl() {
        float[][] samples = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}, {0.9f, 0.9f}, {0.9f, -0.9f}, {-0.9f, 0.9f}, {-0.9f, -0.9f}};
        ToyMetrics m = ToyMetrics.compute(samples, SQUARE);
        assertEquals(4, m.modesCovered());
        assertEquals(0.0, m.reverseKl(), 1e-12);
    }

    @Test
    void samplesFartherThanThreeSigmaAreNotHighQualityAndCoverNothing() {
        // (0.75, 1) is 0.25 from (1, 1): high quality. (0.65, 1) is 0.35 away: not.
        // (0, 0) is nearest no mode closely; NaN never counts.
        float[][] samples = {{0.75f, 1f}, {0.65f, 1f}, {0f, 0f}, {Float.NaN, 0f}, {-1f, -0.75f}};
        ToyMetrics m = ToyMetrics.compute(samples, SQUARE);
        assertEquals(0.4, m.highQualityFraction(), 1e-12);
        assertEquals(2, m.modesCovered());
        // p = (1/2, 1/2) over 4 modes: KL = log 2.
        assertEquals(Math.log(2), m.reverseKl(), 1e-12);
        assertEquals(5, m.samples());
    }

    @Test
    void noHighQualitySampleGivesNanKl() {
        ToyMetrics m = ToyMetrics.compute(new float[][] {{5, 5}}, SQUARE);
        assertEquals(0, m.modesCovered());
        assertTrue(Double.isNaN(m.reverseKl()));
        assertEquals(0.0, m.asMap().get(ToyMetrics.HIGH_QUALITY));
    }
}
