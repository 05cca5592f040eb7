package org.gan4j.api.data;

import java.util.SplittableRandom;

/**
 * How samplers draw the values of a product's inputs from a seed, on the host and with no engine
 * type in sight: {@link org.gan4j.api.game.ProductInputs#draw} (for runs, through DJL) and gan-onnx's
 * sampler (for exported files, through ONNX Runtime alone) both draw here, so that the same seed
 * gives the same values, bit for bit, whichever way a product is run.
 *
 * <p>Input i of a product (counting from 0 over all its inputs, in order) draws from its own
 * stream: the first normal input, the latent vector, from {@code Seeds.stream(seed, purpose, 0)}
 * (which makes it {@link Noise#normal}{@code (seed, purpose, 0, count, size)}, the noise {@code gan
 * sample} has always drawn), every other normal or uniform input from {@code Seeds.stream(seed,
 * purpose, 0, i)}. Categorical inputs are not random: they cycle through the classes, or hold one
 * class.
 */
public final class InputDraws {

    private InputDraws() {}

    /**
     * Standard normal values of one input.
     *
     * @param seed the seed
     * @param purpose the stream's purpose, e.g. {@link Noise#SAMPLING}
     * @param input the input's position among the product's inputs, from 0
     * @param first whether it is the product's first normal input (its latent vector)
     * @param count how many samples
     * @param size the values of one sample's input
     * @return {@code count * size} values, row-major
     */
    public static float[] normal(long seed, long purpose, int input, boolean first, int count, int size) {
        SplittableRandom r = first ? Seeds.stream(seed, purpose, 0) : Seeds.stream(seed, purpose, 0, input);
        float[] v = new float[Math.multiplyExact(count, size)];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) r.nextGaussian();
        }
        return v;
    }

    /**
     * Values of one input, uniform on [-1, 1] (continuous codes).
     *
     * @param seed the seed
     * @param purpose the stream's purpose
     * @param input the input's position among the product's inputs, from 0
     * @param count how many samples
     * @param size the values of one sample's input
     * @return {@code count * size} values, row-major
     */
    public static float[] uniform(long seed, long purpose, int input, int count, int size) {
        SplittableRandom r = Seeds.stream(seed, purpose, 0, input);
        float[] v = new float[Math.multiplyExact(count, size)];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) (2 * r.nextDouble() - 1);
        }
        return v;
    }

    /**
     * Class indices of one categorical input: one class for every sample, or sample j gets class
     * {@code j % classes}.
     *
     * @param count how many samples
     * @param classes the number of classes, positive
     * @param fixed the class of every sample, or -1 to cycle
     * @return {@code count} class indices
     */
    public static int[] categorical(int count, int classes, int fixed) {
        int[] v = new int[count];
        for (int j = 0; j < count; j++) {
            v[j] = fixed >= 0 ? fixed : j % classes;
        }
        return v;
    }
}
