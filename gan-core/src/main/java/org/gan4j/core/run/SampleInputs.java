package org.gan4j.core.run;

import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Noise;

/**
 * What a generator runs on when {@code gan sample} draws from it: latent vectors and, for
 * conditional models, one label each. A run's generator (through DJL) and an exported one (through
 * ONNX Runtime) both take their inputs from here, so that the same seed gives the same samples.
 * No DJL class is touched.
 *
 * <p>Seeded noise is {@code Noise.normal(seed, Noise.SAMPLING, 0, count, latentSize)}. Labels are
 * the given class for every sample, or, when none is given, cycle through the classes: sample i
 * (or walk i, for interpolations) gets class {@code i % numClasses}.
 *
 * @param z {@code count * latentSize} latent values, row-major
 * @param count the number of samples
 * @param labels one label a sample for conditional models, null for unconditional ones
 */
public record SampleInputs(float[] z, int count, int[] labels) {

    /**
     * Seeded noise.
     *
     * @param seed the seed
     * @param count how many samples
     * @param latentSize the latent size
     * @param numClasses the number of classes, 0 for unconditional models
     * @param label the class of every sample, or -1 to cycle through the classes
     * @return the inputs
     * @throws ConfigException if count is not positive or the label does not fit the model
     */
    public static SampleInputs seeded(long seed, int count, int latentSize, int numClasses, int label) {
        checkCount(count);
        int[] labels = labels(count, numClasses, label);
        return new SampleInputs(noise(seed, count, latentSize), count, labels);
    }

    /**
     * Given latent vectors.
     *
     * @param z {@code count * latentSize} values, row-major
     * @param count how many samples
     * @param latentSize the latent size
     * @param numClasses the number of classes, 0 for unconditional models
     * @param label the class of every sample, or -1 to cycle through the classes
     * @return the inputs
     * @throws ConfigException if count is not positive or the label does not fit the model
     */
    public static SampleInputs given(float[] z, int count, int latentSize, int numClasses, int label) {
        checkCount(count);
        checkLength(z, count, latentSize);
        return new SampleInputs(z.clone(), count, labels(count, numClasses, label));
    }

    /**
     * Latent walks: for each walk, {@code steps} points evenly spaced on the line between two
     * endpoints, both ends included ({@code (1 - t) a + t b} for t = 0, 1/(steps-1), ..., 1). Walk
     * r takes endpoints {@code 2r} and {@code 2r + 1}; all its points share walk r's label. The
     * samples come walk by walk: sample {@code r * steps + j} is point j of walk r.
     *
     * @param endpoints {@code 2 * walks * latentSize} values: the endpoints, pairwise, row-major
     * @param walks the number of walks
     * @param steps points a walk, at least 2
     * @param latentSize the latent size
     * @param numClasses the number of classes, 0 for unconditional models
     * @param label the class of every walk, or -1 to cycle through the classes walk by walk
     * @return the inputs, {@code walks * steps} samples
     * @throws ConfigException if walks is not positive, steps is below 2 or the label does not fit
     */
    public static SampleInputs interpolated(
            float[] endpoints, int walks, int steps, int latentSize, int numClasses, int label) {
        checkCount(walks);
        if (steps < 2) {
            throw new ConfigException(
                    "--interpolate must be 2 or more (the points of each walk, ends included), got " + steps);
        }
        checkLength(endpoints, 2 * walks, latentSize);
        int count = Math.multiplyExact(walks, steps);
        float[] z = new float[Math.multiplyExact(count, latentSize)];
        for (int r = 0; r < walks; r++) {
            int a = 2 * r * latentSize;
            int b = a + latentSize;
            for (int j = 0; j < steps; j++) {
                double t = (double) j / (steps - 1);
                int o = (r * steps + j) * latentSize;
                for (int k = 0; k < latentSize; k++) {
                    z[o + k] = (float) ((1 - t) * endpoints[a + k] + t * endpoints[b + k]);
                }
            }
        }
        int[] walkLabels = labels(walks, numClasses, label);
        int[] labels = null;
        if (walkLabels != null) {
            labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = walkLabels[i / steps];
            }
        }
        return new SampleInputs(z, count, labels);
    }

    /**
     * The seeded noise of {@code gan sample}.
     *
     * @param seed the seed
     * @param count how many latent vectors
     * @param latentSize their length
     * @return {@code count * latentSize} values, row-major
     */
    public static float[] noise(long seed, int count, int latentSize) {
        return Noise.normal(seed, Noise.SAMPLING, 0, count, latentSize);
    }

    /**
     * The labels of {@code count} samples.
     *
     * @param count how many
     * @param numClasses the number of classes, 0 for unconditional models
     * @param label the class of every sample, or -1 to cycle: sample i gets {@code i % numClasses}
     * @return the labels, or null for unconditional models
     * @throws ConfigException if a label is given to an unconditional model or is out of range
     */
    public static int[] labels(int count, int numClasses, int label) {
        if (numClasses <= 0) {
            if (label >= 0) {
                throw new ConfigException("--label is for conditional models; this model is unconditional");
            }
            return null;
        }
        if (label >= numClasses) {
            throw new ConfigException(
                    "--label " + label + " is out of range; this model has classes 0 to " + (numClasses - 1));
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = label >= 0 ? label : i % numClasses;
        }
        return labels;
    }

    private static void checkCount(int count) {
        if (count <= 0) {
            throw new ConfigException("--n must be positive, got " + count);
        }
    }

    private static void checkLength(float[] z, int count, int latentSize) {
        if ((long) count * latentSize != z.length) {
            throw new IllegalArgumentException(
                    z.length + " latent values for " + count + " vectors of length " + latentSize);
        }
    }
}
