package org.gan4j.data.image;

import static org.gan4j.data.image.Datasets.batches;
import static org.gan4j.data.image.Datasets.open;
import static org.gan4j.data.image.Datasets.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.gan4j.api.GanException;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST as Debian's {@code dataset-fashion-mnist} installs it (./test installs it if missing).
 */
class FashionMnistTest {

    private static final Path DIR = Path.of(FashionMnistProvider.DEFAULT_DIR);

    private static GanDataset train;

    @BeforeAll
    static void openTheTrainingSet() {
        // ./test installs it; a machine without it fails here, saying what to do.
        assertTrue(Files.isRegularFile(DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist");
        train = open("fashion-mnist", null, 1, Map.of());
    }

    @Test
    void trainingSetHasSixtyThousandImagesInTenBalancedClasses() {
        assertEquals(60_000, train.size());
        assertEquals(new Shape(1, 28, 28), train.sampleShape());
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), train.classNames());
        assertEquals(10, train.numClasses());
        assertEquals(1.0, train.scale());
        int[] perClass = new int[10];
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        List<SampleBatch> epoch = batches(train, 0, 1000);
        assertEquals(60, epoch.size());
        for (SampleBatch b : epoch) {
            assertEquals(1000 * 784, b.values().length);
            for (int label : b.labels()) {
                perClass[label]++;
            }
            for (float v : b.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int[] expected = new int[10];
        Arrays.fill(expected, 6000);
        assertArrayEquals(expected, perClass);
        assertEquals(-1f, min, "pixel 0");
        assertEquals(1f, max, "pixel 255");
    }

    @Test
    void testSetHasTenThousandImages() {
        GanDataset test = open("fashion-mnist", null, 1, Map.of("split", "test"));
        assertEquals(10_000, test.size());
        assertEquals(new Shape(1, 28, 28), test.sampleShape());
    }

    @Test
    void theFirstImageAndLabelAreTheFilesOwn() throws IOException {
        // Read the files' first record independently of IdxFile: labels start at byte 8, images at 16.
        byte[] labels = head(DIR.resolve("train-labels-idx1-ubyte.gz"), 9);
        byte[] images = head(DIR.resolve("train-images-idx3-ubyte.gz"), 16 + 784);
        int position = indexOf(((ImageDataset) train).order(0), 0);
        List<SampleBatch> epoch = batches(train, 0, 500);
        SampleBatch b = epoch.get(position / 500);
        assertEquals(labels[8] & 0xff, b.labels()[position % 500]);
        float[] first = sample(epoch, position, 784);
        for (int k = 0; k < 784; k++) {
            assertEquals((images[16 + k] & 0xff) / 127.5f - 1f, first[k], "pixel " + k);
        }
    }

    @Test
    void batchesAreAFunctionOfSeedAndEpoch() {
        GanDataset again = open("fashion-mnist", null, 1, Map.of());
        SampleBatch a = train.epoch(3, 64).next();
        SampleBatch b = again.epoch(3, 64).next();
        assertArrayEquals(a.values(), b.values());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.values(), train.epoch(4, 64).next().values()), "another epoch, another order");
        assertFalse(Arrays.equals(a.values(), open("fashion-mnist", null, 2, Map.of()).epoch(3, 64).next().values()),
                "another seed, another order");
    }

    @Test
    void size32ResizesEveryImage() {
        GanDataset big = open("fashion-mnist", DIR, 1, Map.of("size", "32"));
        assertEquals(new Shape(1, 32, 32), big.sampleShape());
        SampleBatch small = train.epoch(0, 100).next();
        SampleBatch resized = big.epoch(0, 100).next();
        assertArrayEquals(small.labels(), resized.labels(), "one seed, one order, whatever the size");
        assertEquals(100 * 1024, resized.values().length);
        for (int i = 0; i < 100; i++) {
            // Interpolation moves the mean brightness of an image only a little.
            float m28 = mean(small.values(), i * 784, 784);
            float m32 = mean(resized.values(), i * 1024, 1024);
            assertEquals(m28, m32, 0.02, "image " + i);
        }
        for (float v : resized.values()) {
            assertTrue(v >= -1f && v <= 1f, "value " + v);
        }
    }

    @Test
    void saysHowToGetTheFilesWhenTheyAreMissing(@TempDir Path tmp) {
        Path nowhere = tmp.resolve("nowhere");
        GanException e = assertThrows(GanException.class, () -> open("fashion-mnist", nowhere, 1, Map.of()));
        assertEquals("dataset 'fashion-mnist': missing " + nowhere.resolve("train-images-idx3-ubyte") + "(.gz) (there is"
                + " no folder " + nowhere + "); install them with 'apt-get install dataset-fashion-mnist' (into"
                + " /usr/share/datasets/fashion-mnist), or pass dataDir DIR holding the four IDX files", e.getMessage());
        IdxFiles.pair(tmp, "t10k", 1, 28, 28, new byte[] {0}, true);
        e = assertThrows(GanException.class, () -> open("fashion-mnist", tmp, 1, Map.of()));
        assertTrue(e.getMessage().startsWith("dataset 'fashion-mnist': missing " + tmp.resolve("train-images-idx3-ubyte")
                + "(.gz); install them with 'apt-get install dataset-fashion-mnist'"), e.getMessage());
    }

    private static byte[] head(Path gz, int n) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readNBytes(n);
        }
    }

    private static int indexOf(int[] order, int image) {
        for (int p = 0; p < order.length; p++) {
            if (order[p] == image) {
                return p;
            }
        }
        throw new AssertionError("image " + image + " is not in the epoch");
    }

    private static float mean(float[] v, int from, int n) {
        double s = 0;
        for (int k = from; k < from + n; k++) {
            s += v[k];
        }
        return (float) (s / n);
    }
}
