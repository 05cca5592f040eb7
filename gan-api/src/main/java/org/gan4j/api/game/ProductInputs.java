package org.gan4j.api.game;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.InputDraws;

/**
 * Values for a product's inputs, for {@code count} samples, on the host: a float array ({@code
 * count * size} values, row-major) for every float input and an int array ({@code count} class
 * indices) for every categorical one. Samplers of runs (through DJL) and of exported files
 * (through ONNX Runtime) both draw them here, so that the same seed gives the same samples.
 *
 * @param product the product the values are for
 * @param count how many samples
 * @param floats per input, in the product's order: the values of a float input, null for a
 *     categorical one
 * @param ints per input: the class indices of a categorical input, null for a float one
 */
public record ProductInputs(Product product, int count, List<float[]> floats, List<int[]> ints) {

    /** Checks that every input has values of its kind and size. */
    public ProductInputs {
        Objects.requireNonNull(product, "product");
        if (count <= 0) {
            throw new IllegalArgumentException("the number of samples must be positive, got " + count);
        }
        floats = Collections.unmodifiableList(new ArrayList<>(floats));
        ints = Collections.unmodifiableList(new ArrayList<>(ints));
        List<ProductInput> inputs = product.inputs();
        if (floats.size() != inputs.size() || ints.size() != inputs.size()) {
            throw new IllegalArgumentException("values for " + floats.size() + " inputs; the product has " + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            ProductInput in = inputs.get(i);
            if (in.kind() == ProductInput.Kind.CATEGORICAL) {
                int[] v = ints.get(i);
                if (v == null || v.length != count) {
                    throw new IllegalArgumentException("input '" + in.name() + "' needs " + count + " class indices");
                }
                for (int j = 0; j < count; j++) {
                    if (v[j] < 0 || v[j] >= in.classes()) {
                        throw new IllegalArgumentException("input '" + in.name() + "': class " + v[j] + " (sample " + j
                                + ") is out of range; the classes are 0 to " + (in.classes() - 1));
                    }
                }
            } else {
                float[] v = floats.get(i);
                if (v == null || (long) v.length != (long) count * in.size()) {
                    throw new IllegalArgumentException("input '" + in.name() + "' needs " + (long) count * in.size()
                            + " values (" + count + " samples of " + in.shape() + "), got "
                            + (v == null ? "none" : v.length));
                }
            }
        }
    }

    /**
     * Draws every input from streams of a seed ({@link InputDraws}): the first normal input (the
     * latent vector) from {@code Seeds.stream(seed, purpose, 0)}, every other input i from {@code
     * Seeds.stream(seed, purpose, 0, i)}; uniform inputs on [-1, 1]; the first categorical input is
     * {@code label} for every sample or, when {@code label} is -1, cycles through the classes
     * (sample j gets class {@code j % classes}), and other categorical inputs cycle too. Image
     * inputs cannot be drawn.
     *
     * @param product the product
     * @param count how many samples
     * @param seed the seed
     * @param purpose the stream's purpose, e.g. {@link org.gan4j.api.data.Noise#SAMPLING}
     * @param label the class of every sample, or -1 to cycle through the classes
     * @return the values
     * @throws ConfigException if count is not positive, a label is given to a product that takes
     *     none or is out of range, or the product takes an image
     */
    public static ProductInputs draw(Product product, int count, long seed, long purpose, int label) {
        return draw(product, count, seed, purpose, label, Map.of());
    }

    /**
     * Draws every input as {@link #draw(Product, int, long, long, int)} does, except image inputs,
     * which are given: images to translate, real samples.
     *
     * @param product the product
     * @param count how many samples
     * @param seed the seed
     * @param purpose the stream's purpose
     * @param label the class of every sample, or -1 to cycle through the classes
     * @param images the values of every image input by name, {@code count * size} each, in the
     *     units of whoever runs them (the data's for {@code TrainedModel.sample}, the model's for the
     *     training runtime)
     * @return the values
     * @throws ConfigException as the other {@code draw} does, or if an image input has no values
     */
    public static ProductInputs draw(
            Product product, int count, long seed, long purpose, int label, Map<String, float[]> images) {
        if (count <= 0) {
            throw new ConfigException("the number of samples must be positive, got " + count);
        }
        int classes = product.numClasses();
        if (label >= 0 && classes == 0) {
            throw new ConfigException("a label was given, but this model takes no labels (it is unconditional)");
        }
        if (label >= classes && classes > 0) {
            throw new ConfigException("label " + label + " is out of range; this model has classes 0 to " + (classes - 1));
        }
        List<float[]> floats = new ArrayList<>();
        List<int[]> ints = new ArrayList<>();
        boolean firstNormal = true;
        boolean firstCategorical = true;
        List<ProductInput> inputs = product.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            ProductInput in = inputs.get(i);
            switch (in.kind()) {
                case NORMAL -> {
                    floats.add(InputDraws.normal(seed, purpose, i, firstNormal, count, in.size()));
                    ints.add(null);
                    firstNormal = false;
                }
                case UNIFORM -> {
                    floats.add(InputDraws.uniform(seed, purpose, i, count, in.size()));
                    ints.add(null);
                }
                case CATEGORICAL -> {
                    floats.add(null);
                    ints.add(InputDraws.categorical(count, in.classes(), firstCategorical ? label : -1));
                    firstCategorical = false;
                }
                case IMAGE -> {
                    float[] given = images.get(in.name());
                    if (given == null) {
                        throw new ConfigException("the product takes an image ('" + in.name()
                                + "'); give the images to translate instead of drawing them");
                    }
                    floats.add(given);
                    ints.add(null);
                }
            }
        }
        return new ProductInputs(product, count, floats, ints);
    }

    /**
     * These values with one float input replaced, e.g. given latent vectors.
     *
     * @param name the input's name
     * @param values its values, {@code count * size}
     * @return the new values
     */
    public ProductInputs withFloats(String name, float[] values) {
        int i = indexOf(name);
        List<float[]> f = new ArrayList<>(floats);
        f.set(i, values);
        return new ProductInputs(product, count, f, ints);
    }

    /**
     * The values of one input, by name.
     *
     * @param name the input's name
     * @return its float values, or null for a categorical input
     */
    public float[] floats(String name) {
        return floats.get(indexOf(name));
    }

    /**
     * The class indices of one input, by name.
     *
     * @param name the input's name
     * @return its class indices, or null for a float input
     */
    public int[] ints(String name) {
        return ints.get(indexOf(name));
    }

    private int indexOf(String name) {
        List<ProductInput> inputs = product.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the product has no input '" + name + "'");
    }
}
