package org.gan4j.data.image;

import static org.gan4j.data.image.Datasets.batches;
import static org.gan4j.data.image.Datasets.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void defaultsAreTwelveThousandEightHundredBalancedGreyImagesOf32() {
        GanDataset data = open("shapes", null, 1, Map.of());
        assertEquals(12_800, data.size());
        assertEquals(new Shape(1, 32, 32), data.sampleShape());
        assertEquals(List.of("circle", "square", "triangle", "cross", "diamond", "ring"), data.classNames());
        int[] perClass = new int[6];
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (SampleBatch b : batches(data, 0, 100)) {
            for (int i = 0; i < b.size(); i++) {
                perClass[b.labels()[i]]++;
                // No shape reaches a corner: its points are within r of a centre at least r from the edges.
                assertEquals(-1f, b.values()[i * 1024], "black background in the corner");
            }
            for (float v : b.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        // 12,800 = 6 * 2,133 + 2: the classes take turns, so they differ by at most one.
        assertArrayEquals(new int[] {2134, 2134, 2133, 2133, 2133, 2133}, perClass);
        assertEquals(-1f, min);
        assertEquals(1f, max, "white inside the shapes");
    }

    @Test
    void theSetIsFixedByTheSeed() {
        List<SampleBatch> a = batches(open("shapes", null, 5, Map.of("samples", "600")), 0, 100);
        List<SampleBatch> b = batches(open("shapes", null, 5, Map.of("samples", "600")), 0, 100);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).values(), b.get(i).values());
            assertArrayEquals(a.get(i).labels(), b.get(i).labels());
        }
        assertArrayEquals(fingerprints(a), fingerprints(batches(open("shapes", null, 5, Map.of("samples", "600")), 1, 100)),
                "another epoch shows the same images");
        assertFalse(Arrays.equals(a.get(0).values(), batches(open("shapes", null, 5, Map.of("samples", "600")), 1, 100)
                .get(0).values()), "in another order");
        assertFalse(Arrays.equals(fingerprints(a), fingerprints(batches(open("shapes", null, 6, Map.of("samples", "600")), 0, 100))),
                "another seed draws other images");
    }

    @Test
    void eachClassLooksDifferentOnAverage() {
        int d = 1024;
        double[][] sum = new double[6][d];
        double[][] sumSq = new double[6][d];
        int[] n = new int[6];
        for (SampleBatch b : batches(open("shapes", null, 1, Map.of("samples", "30000")), 0, 1000)) {
            for (int i = 0; i < b.size(); i++) {
                int c = b.labels()[i];
                n[c]++;
                for (int k = 0; k < d; k++) {
                    double v = b.values()[i * d + k];
                    sum[c][k] += v;
                    sumSq[c][k] += v * v;
                }
            }
        }
        double[][] mean = new double[6][d];
        double[][] var = new double[6][d];
        for (int c = 0; c < 6; c++) {
            for (int k = 0; k < d; k++) {
                mean[c][k] = sum[c][k] / n[c];
                var[c][k] = sumSq[c][k] / n[c] - mean[c][k] * mean[c][k];
            }
        }
        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                double dist = 0;
                double noise = 0;
                for (int k = 0; k < d; k++) {
                    dist += Math.pow(mean[a][k] - mean[b][k], 2);
                    noise += var[a][k] / n[a] + var[b][k] / n[b];
                }
                // The mean images of two classes drawn from one distribution would differ by about
                // one standard error; these must differ by several.
                double ratio = Math.sqrt(dist / noise);
                assertTrue(ratio > 3, "classes " + a + " and " + b + " differ by " + ratio + " standard errors");
            }
        }
        // And a nearest-class-mean classifier does far better than chance (1/6) on another seed's set.
        int right = 0;
        SampleBatch test = open("shapes", null, 2, Map.of("samples", "3000")).epoch(0, 3000).next();
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int c = 0; c < 6; c++) {
                double dist = 0;
                for (int k = 0; k < d; k++) {
                    dist += Math.pow(test.values()[i * d + k] - mean[c][k], 2);
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            right += best == test.labels()[i] ? 1 : 0;
        }
        assertTrue(right > 0.3 * test.size(), "nearest-mean accuracy " + right + " / " + test.size());
    }

    @Test
    void threeChannelsAreSaturatedColoursOnDarkColours() {
        GanDataset data = open("shapes", null, 1, Map.of("channels", "3", "samples", "600"));
        assertEquals(new Shape(3, 32, 32), data.sampleShape());
        int plane = 1024;
        int[] dominant = new int[3];
        for (SampleBatch b : batches(data, 0, 600)) {
            for (int i = 0; i < b.size(); i++) {
                int at = i * 3 * plane;
                for (int c = 0; c < 3; c++) {
                    assertTrue(b.values()[at + c * plane] < 48 / 127.5f - 1f, "dark corner, channel " + c);
                }
                // The most colourful pixel: saturation 0.75 or more at brightness 0.85 or more.
                float spread = 0;
                int strongest = 0;
                for (int k = 0; k < plane; k++) {
                    float r = b.values()[at + k];
                    float g = b.values()[at + plane + k];
                    float bl = b.values()[at + 2 * plane + k];
                    float s = Math.max(r, Math.max(g, bl)) - Math.min(r, Math.min(g, bl));
                    if (s > spread) {
                        spread = s;
                        strongest = r >= g && r >= bl ? 0 : g >= bl ? 1 : 2;
                    }
                }
                assertTrue(spread > 1.0f, "sample " + i + " is saturated: " + spread);
                dominant[strongest]++;
            }
        }
        for (int c = 0; c < 3; c++) {
            assertTrue(dominant[c] > 100, "hues vary: " + Arrays.toString(dominant));
        }
    }

    @Test
    void sizeAndChannelOptions() {
        assertEquals(new Shape(1, 64, 64), open("shapes", null, 1, Map.of("size", "64", "samples", "60")).sampleShape());
        GanDataset tiny = open("shapes", null, 1, Map.of("size", "8", "samples", "60"));
        assertEquals(new Shape(1, 8, 8), tiny.sampleShape());
        assertEquals(60 * 64, tiny.epoch(0, 60).next().values().length);
        assertEquals("dataset 'shapes' option 'size' must be an integer from 8 to 1024, got '4'",
                assertThrows(ConfigException.class, () -> open("shapes", null, 1, Map.of("size", "4"))).getMessage());
        assertEquals("dataset 'shapes' option 'channels' must be 1 (grey) or 3 (RGB), got '2'",
                assertThrows(ConfigException.class, () -> open("shapes", null, 1, Map.of("channels", "2"))).getMessage());
        assertEquals("dataset 'shapes' option 'samples' must be a positive integer, got '0'",
                assertThrows(ConfigException.class, () -> open("shapes", null, 1, Map.of("samples", "0"))).getMessage());
        GanException e = assertThrows(GanException.class,
                () -> open("shapes", null, 1, Map.of("samples", "1000000", "size", "1024", "channels", "3")));
        assertTrue(e.getMessage().startsWith("dataset 'shapes': 1,000,000 images of 3x1024x1024 need 3,000,000 MiB as"
                + " bytes, more than the JVM's "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; lower the size or the number of images, or give Java more memory (-Xmx)"));
    }

    /** One number per image of an epoch, sorted: equal when two epochs hold the same images. */
    private static int[] fingerprints(List<SampleBatch> epoch) {
        return epoch.stream()
                .flatMapToInt(b -> java.util.stream.IntStream.range(0, b.size())
                        .map(i -> Arrays.hashCode(Arrays.copyOfRange(b.values(), i * 1024, (i + 1) * 1024)) * 31 + b.labels()[i]))
                .sorted()
                .toArray();
    }
}
