package org.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Noise;
import org.junit.jupiter.api.Test;

class SampleInputsTest {

    @Test
    void seededInputsAreTheSamplingStreamAndCycleTheClasses() {
        SampleInputs in = SampleInputs.seeded(3, 7, 4, 3, -1);
        assertArrayEquals(Noise.normal(3, Noise.SAMPLING, 0, 7, 4), in.z());
        assertEquals(7, in.count());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, in.labels());
        assertArrayEquals(new int[] {2, 2, 2}, SampleInputs.seeded(3, 3, 4, 3, 2).labels());
        assertNull(SampleInputs.seeded(3, 3, 4, 0, -1).labels());
        assertArrayEquals(in.z(), SampleInputs.noise(3, 7, 4));
    }

    @Test
    void givenLatentsAreCopied() {
        float[] z = {1, 2, 3, 4};
        SampleInputs in = SampleInputs.given(z, 2, 2, 2, -1);
        z[0] = 9;
        assertArrayEquals(new float[] {1, 2, 3, 4}, in.z());
        assertArrayEquals(new int[] {0, 1}, in.labels());
        assertEquals("4 latent values for 3 vectors of length 2",
                assertThrows(IllegalArgumentException.class, () -> SampleInputs.given(z, 3, 2, 0, -1)).getMessage());
    }

    @Test
    void walksRunStraightFromOneEndpointToTheOther() {
        // Two walks in 2-D: (0,0) -> (4,8) and (1,1) -> (1,-1), 5 points each.
        float[] ends = {0, 0, 4, 8, 1, 1, 1, -1};
        SampleInputs in = SampleInputs.interpolated(ends, 2, 5, 2, 0, -1);
        assertEquals(10, in.count());
        assertArrayEquals(new float[] {0, 0, 1, 2, 2, 4, 3, 6, 4, 8, 1, 1, 1, 0.5f, 1, 0, 1, -0.5f, 1, -1}, in.z());
        assertNull(in.labels());

        // Conditional: walk r has class r % classes, or the given class, for all its points.
        float[] six = new float[6 * 2];
        assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0}, SampleInputs.interpolated(six, 3, 2, 2, 2, -1).labels());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, SampleInputs.interpolated(six, 3, 2, 2, 2, 1).labels());
    }

    @Test
    void badCountsAndLabelsAreConfigErrors() {
        assertEquals("--n must be positive, got 0",
                assertThrows(ConfigException.class, () -> SampleInputs.seeded(1, 0, 2, 0, -1)).getMessage());
        assertEquals("--label is for conditional models; this model is unconditional",
                assertThrows(ConfigException.class, () -> SampleInputs.seeded(1, 2, 2, 0, 0)).getMessage());
        assertEquals("--label 3 is out of range; this model has classes 0 to 2",
                assertThrows(ConfigException.class, () -> SampleInputs.seeded(1, 2, 2, 3, 3)).getMessage());
        assertEquals("--interpolate must be 2 or more (the points of each walk, ends included), got 1",
                assertThrows(ConfigException.class,
                        () -> SampleInputs.interpolated(new float[4], 1, 1, 2, 0, -1)).getMessage());
        assertEquals(Arrays.toString(new int[] {0}), Arrays.toString(SampleInputs.labels(1, 5, -1)));
    }
}
