package org.gan4j.data.image;

import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.data.Seeds;
import org.gan4j.data.Batches;

/**
 * A fixed set of images held as bytes, served as batches of (C, H, W) floats in [-1, 1]
 * ({@code pixel / 127.5 - 1}). Pixels stay bytes until a batch is made: Fashion-MNIST's 60,000
 * images take 47 MB as bytes, four times that as floats. Images stored at another resolution than
 * the output's (IDX files at their native 28x28) are resized as each batch is made, so memory
 * does not grow with the output size.
 *
 * <p>An epoch visits every image once, in a shuffle that is a function of (seed, epoch) alone.
 */
final class ImageDataset implements GanDataset {

    private static final long STREAM_ID = 0x494D414745534554L; // "IMAGESET"

    private final byte[][] images;
    private final int[] labels;
    private final List<String> classNames;
    private final int channels;
    private final int storedHeight;
    private final int storedWidth;
    private final int size;
    private final long seed;
    private final Resampler resampler;

    /**
     * Wraps images.
     *
     * @param images one array an image, {@code channels * storedHeight * storedWidth} bytes,
     *     planar (all of channel 0, then channel 1...), rows top to bottom
     * @param labels one label an image, or null if unlabelled
     * @param classNames the class names in label order; empty if unlabelled
     * @param channels 1 (grey) or 3 (R, G, B)
     * @param storedHeight the stored images' rows
     * @param storedWidth the stored images' columns
     * @param size the output's rows and columns
     * @param seed the run's seed
     */
    ImageDataset(byte[][] images, int[] labels, List<String> classNames, int channels,
            int storedHeight, int storedWidth, int size, long seed) {
        if (labels != null && labels.length != images.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + images.length + " images");
        }
        if ((labels == null) != classNames.isEmpty()) {
            throw new IllegalArgumentException("labels and class names go together");
        }
        this.images = images;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.channels = channels;
        this.storedHeight = storedHeight;
        this.storedWidth = storedWidth;
        this.size = size;
        this.seed = seed;
        this.resampler = storedHeight == size && storedWidth == size
                ? null
                : new Resampler(storedHeight, storedWidth, size, size);
    }

    @Override
    public Shape sampleShape() {
        return new Shape(channels, size, size);
    }

    @Override
    public long size() {
        return images.length;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Iterator<SampleBatch> epoch(long epoch, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        int sampleSize = channels * size * size;
        if ((long) batchSize * sampleSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + batchSize + " samples of " + sampleShape()
                    + " is more than one array can hold; use a smaller batch");
        }
        int[] order = order(epoch);
        return Batches.of(images.length / batchSize, b -> {
            int start = (int) b * batchSize;
            float[] values = new float[batchSize * sampleSize];
            int[] batchLabels = labels == null ? null : new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                int index = order[start + i];
                copy(images[index], values, i * sampleSize);
                if (batchLabels != null) {
                    batchLabels[i] = labels[index];
                }
            }
            return new SampleBatch(batchSize, values, batchLabels);
        });
    }

    /**
     * The order in which an epoch visits the images: a Fisher-Yates shuffle drawn from a stream of
     * (seed, epoch).
     *
     * @param epoch the epoch
     * @return a permutation of the image indices; position p of the epoch is image {@code order[p]}
     */
    int[] order(long epoch) {
        int[] order = new int[images.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = Seeds.stream(seed, STREAM_ID, epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private void copy(byte[] image, float[] values, int offset) {
        if (resampler == null) {
            for (int k = 0; k < image.length; k++) {
                values[offset + k] = (image[k] & 0xff) / 127.5f - 1f;
            }
            return;
        }
        int plane = storedHeight * storedWidth;
        int out = size * size;
        float[] src = new float[plane];
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < plane; k++) {
                src[k] = image[c * plane + k] & 0xff;
            }
            int at = offset + c * out;
            resampler.resize(src, 0, storedWidth, values, at);
            for (int k = at; k < at + out; k++) {
                // The weights sum to 1 only up to rounding; keep the documented range exact.
                values[k] = Math.max(-1f, Math.min(1f, values[k] / 127.5f - 1f));
            }
        }
    }
}
