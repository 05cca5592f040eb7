package org.gan4j.data.image;

import static org.gan4j.data.image.Datasets.batches;
import static org.gan4j.data.image.Datasets.open;
import static org.gan4j.data.image.IdxFiles.idx;
import static org.gan4j.data.image.IdxFiles.pair;
import static org.gan4j.data.image.IdxFiles.pixel;
import static org.gan4j.data.image.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MNIST-format providers on small IDX files the tests write. */
class MnistProviderTest {

    @TempDir
    Path tmp;

    private static final byte[] LABELS = {3, 1, 4, 1, 5, 9, 2};

    @Test
    void servesEveryImageOnceAsExactlyScaledPixelsWithItsLabel() {
        pair(tmp, "train", 7, 28, 28, LABELS, true);
        GanDataset data = open("mnist", tmp, 1, Map.of());
        assertEquals(new Shape(1, 28, 28), data.sampleShape());
        assertEquals(7, data.size());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), data.classNames());
        int[] order = ((ImageDataset) data).order(0);
        SampleBatch b = batches(data, 0, 7).get(0);
        for (int p = 0; p < 7; p++) {
            int image = order[p];
            assertEquals(LABELS[image], b.labels()[p], "label at position " + p);
            for (int k = 0; k < 784; k++) {
                assertEquals(pixel(image, k) / 127.5f - 1f, b.values()[p * 784 + k], "pixel " + k + " of image " + image);
            }
        }
    }

    @Test
    void readsTheTestSplitRawFilesAndTheDottedSpelling() {
        pair(tmp, "t10k", 3, 28, 28, new byte[] {0, 0, 7}, false);
        assertEquals(3, open("mnist", tmp, 1, Map.of("split", "test")).size());
        Path dotted = tmp.resolve("dotted");
        pair(dotted, "train", 2, 28, 28, new byte[] {0, 1}, false);
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"}) {
            try {
                Files.move(dotted.resolve(name), dotted.resolve(name.replace("-idx", ".idx")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertEquals(2, open("mnist", dotted, 1, Map.of()).size());
    }

    @Test
    void resizesToTheSizeOption() {
        pair(tmp, "train", 4, 28, 28, new byte[] {0, 1, 2, 3}, true);
        GanDataset data = open("mnist", tmp, 1, Map.of("size", "64"));
        assertEquals(new Shape(1, 64, 64), data.sampleShape());
        SampleBatch b = batches(data, 0, 4).get(0);
        assertEquals(4 * 64 * 64, b.values().length);
        for (float v : b.values()) {
            assertTrue(v >= -1f && v <= 1f, "value " + v);
        }
        assertEquals(new Shape(1, 8, 8), open("mnist", tmp, 1, Map.of("size", "8")).sampleShape());
    }

    @Test
    void mnistNeedsADataDir() {
        ConfigException e = assertThrows(ConfigException.class, () -> open("mnist", null, 1, Map.of()));
        assertEquals("dataset 'mnist' needs a data directory; MNIST is not packaged; pass dataDir DIR holding its four"
                + " IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte, gzipped or not)", e.getMessage());
        assertEquals(List.of(List.of(org.gan4j.api.SettingChange.of("dataDir"))), e.fix().alternatives(),
                "the fix names the setting, for front ends to word");
    }

    @Test
    void namesTheMissingFile() {
        pair(tmp, "train", 2, 28, 28, new byte[] {0, 1}, true);
        GanException e = assertThrows(GanException.class, () -> open("mnist", tmp, 1, Map.of("split", "test")));
        assertTrue(e.getMessage().startsWith("dataset 'mnist': missing " + tmp.resolve("t10k-images-idx3-ubyte")
                + "(.gz); MNIST is not packaged; pass dataDir DIR"), e.getMessage());
    }

    @Test
    void labelCountMustEqualImageCount() {
        pair(tmp, "train", 3, 28, 28, new byte[] {1, 2}, true);
        GanException e = assertThrows(GanException.class, () -> open("mnist", tmp, 1, Map.of()));
        assertEquals("dataset 'mnist': label file " + tmp.resolve("train-labels-idx1-ubyte.gz") + " holds 2 labels but"
                + " image file " + tmp.resolve("train-images-idx3-ubyte.gz") + " holds 3 images; use the label file"
                + " that belongs to the images", e.getMessage());
    }

    @Test
    void labelsMustBeClasses() {
        pair(tmp, "train", 3, 28, 28, new byte[] {1, 10, 2}, false);
        GanException e = assertThrows(GanException.class, () -> open("fashion-mnist", tmp, 1, Map.of()));
        assertEquals("IDX file " + tmp.resolve("train-labels-idx1-ubyte") + ": label 10 of image 1 is out of range;"
                + " fashion-mnist has 10 classes, labels 0 to 9", e.getMessage());
    }

    @Test
    void imagesMustBeThreeDimensionalAndLabelsOne() {
        write(tmp.resolve("train-images-idx3-ubyte"), idx(new int[] {2, 784}, new byte[2 * 784]));
        write(tmp.resolve("train-labels-idx1-ubyte"), idx(new int[] {2}, new byte[2]));
        GanException e = assertThrows(GanException.class, () -> open("mnist", tmp, 1, Map.of()));
        assertEquals("IDX file " + tmp.resolve("train-images-idx3-ubyte") + ": images must have 3 dimensions [images,"
                + " rows, columns], found [2, 784]", e.getMessage());
        write(tmp.resolve("train-images-idx3-ubyte"), idx(new int[] {2, 28, 28}, new byte[2 * 784]));
        write(tmp.resolve("train-labels-idx1-ubyte"), idx(new int[] {2, 1}, new byte[2]));
        e = assertThrows(GanException.class, () -> open("mnist", tmp, 1, Map.of()));
        assertEquals("IDX file " + tmp.resolve("train-labels-idx1-ubyte") + ": labels must have 1 dimension [labels],"
                + " found [2, 1]", e.getMessage());
    }

    @Test
    void readerErrorsReachTheUser() {
        write(tmp.resolve("train-images-idx3-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        write(tmp.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(idx(new int[] {1}, new byte[] {0})));
        GanException e = assertThrows(GanException.class, () -> open("mnist", tmp, 1, Map.of()));
        assertTrue(e.getMessage().startsWith("IDX file " + tmp.resolve("train-images-idx3-ubyte.gz") + ": corrupt gzip data"),
                e.getMessage());
    }

    @Test
    void rejectsBadOptions() {
        pair(tmp, "train", 2, 28, 28, new byte[] {0, 1}, true);
        assertEquals("dataset 'mnist' option 'split' must be train or test, got 'validation'",
                assertThrows(ConfigException.class, () -> open("mnist", tmp, 1, Map.of("split", "validation"))).getMessage());
        assertEquals("dataset 'mnist' option 'size' must be an integer from 8 to 1024, got '7'",
                assertThrows(ConfigException.class, () -> open("mnist", tmp, 1, Map.of("size", "7"))).getMessage());
        assertEquals("dataset 'fashion-mnist' option 'size' must be an integer from 8 to 1024, got '1025'",
                assertThrows(ConfigException.class, () -> open("fashion-mnist", tmp, 1, Map.of("size", "1025"))).getMessage());
    }

    @Test
    void anEpochIsAShuffleFixedBySeedAndEpoch() {
        pair(tmp, "train", 50, 28, 28, new byte[50], true);
        ImageDataset a = (ImageDataset) open("mnist", tmp, 3, Map.of());
        ImageDataset b = (ImageDataset) open("mnist", tmp, 3, Map.of());
        assertArrayEquals(a.order(4), b.order(4));
        assertTrue(!java.util.Arrays.equals(a.order(4), a.order(5)), "another epoch, another order");
        assertTrue(!java.util.Arrays.equals(a.order(4), ((ImageDataset) open("mnist", tmp, 4, Map.of())).order(4)),
                "another seed, another order");
        int[] sorted = a.order(4).clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i], "every image once");
        }
        assertEquals(3, batches(a, 0, 16).size(), "50 / 16: the partial batch is dropped");
    }
}
