package org.gan4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceNoiseTest {

    @ParameterizedTest
    @CsvSource({"0.5, 0, 1, 100, 0.5", "0.5, 0, 51, 100, 0.25", "0.5, 0, 101, 100, 0", "0.2, 10, 6, 1000, 0.1", "0.2, 10, 20, 1000, 0"})
    void sigmaFallsLinearlyToZero(double sigma, long anneal, long step, long total, double expected) {
        assertEquals(expected, InstanceNoise.sigmaAt(sigma, anneal, step, total), 1e-12);
    }

    @Test
    void addsScaledNoiseToDiscriminatorInputsAndStopsWhenAnnealed() {
        InstanceNoise provider = new InstanceNoise();
        Regularizer noise = provider.create(Options.resolve("regularizer", provider, Map.of("sigma", "0.4")));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3});
            RegularizerContext ctx = mock(RegularizerContext.class);
            when(ctx.totalSteps()).thenReturn(4L);
            when(ctx.step()).thenReturn(2L);
            when(ctx.normal(any(long[].class))).thenReturn(m.create(new float[] {1, -1, 0.5f}));
            // At step 2 of 4, sigma = 0.4 * (1 - 1/4) = 0.3.
            assertArrayEquals(new float[] {1.3f, 1.7f, 3.15f}, noise.discriminatorInput(x, ctx).toFloatArray(), 1e-6f);
            when(ctx.step()).thenReturn(5L);
            assertSame(x, noise.discriminatorInput(x, ctx), "no noise once annealed");
        }
    }
}
