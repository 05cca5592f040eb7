package org.gan4j.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static float[] resize(float[] src, int h, int w, int dh, int dw) {
        float[] out = new float[dh * dw];
        new Resampler(h, w, dh, dw).resize(src, 0, w, out, 0);
        return out;
    }

    @Test
    void equalSizesAreTheIdentity() {
        float[] src = new float[28 * 28];
        for (int i = 0; i < src.length; i++) {
            src[i] = (i * 7919) % 256;
        }
        assertArrayEquals(src, resize(src, 28, 28, 28, 28));
    }

    @Test
    void shrinkingAveragesTheCoveredArea() {
        float[] src = {
            0, 4, 8, 12,
            16, 20, 24, 28,
            100, 100, 0, 0,
            100, 100, 0, 0};
        assertArrayEquals(new float[] {10, 18, 100, 0}, resize(src, 4, 4, 2, 2), 1e-5f);
        // 3 -> 2: each output covers 1.5 source pixels: (a + b/2) / 1.5 and (b/2 + c) / 1.5.
        assertArrayEquals(new float[] {(30 + 30) / 1.5f, (30 + 90) / 1.5f}, resize(new float[] {30, 60, 90}, 1, 3, 1, 2), 1e-4f);
    }

    @Test
    void growingInterpolatesBetweenPixelCentres() {
        assertArrayEquals(new float[] {0, 25, 75, 100}, resize(new float[] {0, 100}, 1, 2, 1, 4), 1e-5f);
        // Rows too, and independently of columns.
        float[] out = resize(new float[] {0, 100}, 2, 1, 4, 3);
        assertArrayEquals(new float[] {0, 0, 0, 25, 25, 25, 75, 75, 75, 100, 100, 100}, out, 1e-5f);
    }

    @Test
    void keepsConstantsConstantAtEverySizeUsed() {
        float[] src = new float[28 * 28];
        Arrays.fill(src, 200f);
        for (int size : new int[] {8, 17, 28, 32, 64, 100}) {
            for (float v : resize(src, 28, 28, size, size)) {
                assertEquals(200f, v, 1e-3f, "size " + size);
            }
        }
    }

    @Test
    void readsAPlaneInsideALargerArray() {
        // A 2x2 plane at offset 5 of rows 4 wide: {1, 2 / 3, 4}.
        float[] src = {9, 9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9};
        float[] out = new float[2 + 1];
        new Resampler(2, 2, 1, 1).resize(src, 5, 4, out, 2);
        assertArrayEquals(new float[] {0, 0, 2.5f}, out, 1e-6f);
    }
}
