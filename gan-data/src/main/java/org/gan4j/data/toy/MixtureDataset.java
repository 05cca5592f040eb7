package org.gan4j.data.toy;

import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.GaussianMixture;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.data.Seeds;
import org.gan4j.data.Batches;

/**
 * Samples from an equal-weight mixture of isotropic Gaussians. The data is unlimited: each epoch
 * draws {@code size} fresh samples, and each batch's samples are a function of (seed, epoch,
 * batch) alone, so runs reproduce exactly and any batch can be regenerated without the ones before
 * it. Values are scaled by {@link #scale()} so that the modes' centres lie in [-1, 1].
 */
final class MixtureDataset implements GanDataset {

    private static final long STREAM_ID = 0x4D49585455524553L; // "MIXTURES"

    private final GaussianMixture mixture;
    private final long size;
    private final long seed;
    private final double scale;

    MixtureDataset(GaussianMixture mixture, long size, long seed) {
        this.mixture = mixture;
        this.size = size;
        this.seed = seed;
        double max = 0;
        for (double[] c : mixture.centres()) {
            for (double v : c) {
                max = Math.max(max, Math.abs(v));
            }
        }
        this.scale = max > 0 ? 1.0 / max : 1.0;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(mixture.dimension());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public double scale() {
        return scale;
    }

    @Override
    public Optional<GaussianMixture> mixture() {
        return Optional.of(mixture);
    }

    @Override
    public Iterator<SampleBatch> epoch(long epoch, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        return Batches.of(size / batchSize, index -> batch(epoch, index, batchSize));
    }

    /**
     * Draws one batch.
     *
     * @param epoch the epoch
     * @param index the batch's index within the epoch
     * @param batchSize samples in the batch
     * @return the batch, with mode indices as labels
     */
    SampleBatch batch(long epoch, long index, int batchSize) {
        SplittableRandom random = Seeds.stream(seed, STREAM_ID, epoch, index);
        int d = mixture.dimension();
        double[][] centres = mixture.centres();
        double sigma = mixture.sigma();
        float[] values = new float[batchSize * d];
        for (int i = 0; i < batchSize; i++) {
            double[] c = centres[random.nextInt(centres.length)];
            for (int j = 0; j < d; j++) {
                values[i * d + j] = (float) ((c[j] + sigma * random.nextGaussian()) * scale);
            }
        }
        // Unlabelled: the toy models are unconditional, and metrics find modes on their own.
        return new SampleBatch(batchSize, values, null);
    }
}
