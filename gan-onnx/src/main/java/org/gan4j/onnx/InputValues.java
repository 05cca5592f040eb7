package org.gan4j.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.InputDraws;

/**
 * Values for an exported product's inputs, for {@code count} samples, on the host: a float array
 * ({@code count * size} values, row-major) for every float input and an int array ({@code count}
 * class indices) for every categorical one. The DJL-free twin of gan-api's {@code ProductInputs}:
 * {@link #draw} draws exactly what {@code ProductInputs.draw} does for the same seed (both draw
 * through {@link InputDraws}), so that a run and its exported file, given the same seed, run on
 * the same values.
 *
 * @param inputs the inputs the values are for, in the product's order
 * @param count how many samples
 * @param floats per input: the values of a float input, null for a categorical one
 * @param ints per input: the class indices of a categorical input, null for a float one
 */
public record InputValues(List<GeneratorInput> inputs, int count, List<float[]> floats, List<int[]> ints) {

    /** Checks that every input has values of its kind and size, and that classes are in range. */
    public InputValues {
        inputs = List.copyOf(inputs);
        if (count <= 0) {
            throw new IllegalArgumentException("the number of samples must be positive, got " + count);
        }
        floats = Collections.unmodifiableList(new ArrayList<>(floats));
        ints = Collections.unmodifiableList(new ArrayList<>(ints));
        if (floats.size() != inputs.size() || ints.size() != inputs.size()) {
            throw new IllegalArgumentException("values for " + floats.size() + " inputs; the product has " + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            GeneratorInput in = inputs.get(i);
            if (in.categorical()) {
                int[] v = ints.get(i);
                if (v == null || v.length != count) {
                    throw new IllegalArgumentException("input '" + in.name() + "' needs " + count + " class indices, got "
                            + (v == null ? "none" : v.length));
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
                            + " values (" + count + " samples of [" + in.shapeKey().replace(",", ", ") + "]), got "
                            + (v == null ? "none" : v.length));
                }
            }
        }
    }

    /**
     * Draws every input but the images from streams of a seed, as gan-api's {@code
     * ProductInputs.draw} does: the first normal input (the latent vector) from {@code
     * Seeds.stream(seed, purpose, 0)}, every other normal or uniform input i from {@code
     * Seeds.stream(seed, purpose, 0, i)}, uniform inputs on [-1, 1]; the first categorical input is
     * {@code label} for every sample or, when {@code label} is -1, cycles through the classes
     * (sample j gets class {@code j % classes}), other categorical inputs cycle too. Image inputs
     * take the values given.
     *
     * @param inputs the product's inputs
     * @param count how many samples
     * @param seed the seed
     * @param purpose the stream's purpose, {@link org.gan4j.api.data.Noise#SAMPLING} for what {@code
     *     gan sample} draws
     * @param label the class of every sample, or -1 to cycle through the classes
     * @param images the values of every image input by name, {@code count * size} each, in the data's units
     * @return the values
     * @throws ConfigException if count is not positive, a label is given to a product that takes
     *     none or is out of range, an image input has no values, or an input's distribution is not
     *     one gan4j draws
     * @throws IllegalArgumentException if an image is given for an input that is not an image input
     */
    public static InputValues draw(
            List<GeneratorInput> inputs, int count, long seed, long purpose, int label, Map<String, float[]> images) {
        if (count <= 0) {
            throw new ConfigException("the number of samples must be positive, got " + count);
        }
        GeneratorInput first = inputs.stream().filter(GeneratorInput::categorical).findFirst().orElse(null);
        int classes = first == null ? 0 : first.classes();
        if (label >= 0 && classes == 0) {
            throw new ConfigException("a label was given, but this model takes no labels (it is unconditional)");
        }
        if (label >= classes && classes > 0) {
            throw new ConfigException("label " + label + " is out of range; this model has classes 0 to " + (classes - 1));
        }
        for (String name : images.keySet()) {
            GeneratorInput in = inputs.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
            if (in == null || in.kind() != GeneratorInput.Kind.IMAGE) {
                throw new IllegalArgumentException("images were given for '" + name + "', which is not an image input;"
                        + " the image inputs are " + imageNames(inputs));
            }
        }
        List<float[]> floats = new ArrayList<>();
        List<int[]> ints = new ArrayList<>();
        boolean firstNormal = true;
        boolean firstCategorical = true;
        for (int i = 0; i < inputs.size(); i++) {
            GeneratorInput in = inputs.get(i);
            switch (in.kind()) {
                case NORMAL -> {
                    requireDistribution(in, GeneratorInput.NORMAL_0_1);
                    floats.add(InputDraws.normal(seed, purpose, i, firstNormal, count, in.size()));
                    ints.add(null);
                    firstNormal = false;
                }
                case UNIFORM -> {
                    requireDistribution(in, GeneratorInput.UNIFORM_MINUS_1_1);
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
        return new InputValues(inputs, count, floats, ints);
    }

    private static void requireDistribution(GeneratorInput in, String drawn) {
        if (!in.distribution().equals(drawn)) {
            throw new ConfigException("input '" + in.name() + "' is drawn from " + in.distribution()
                    + ", which gan4j does not draw (it draws " + in.kind().key() + " inputs from " + drawn
                    + "); give its values instead");
        }
    }

    private static String imageNames(List<GeneratorInput> inputs) {
        TreeSet<String> names = new TreeSet<>();
        inputs.stream().filter(i -> i.kind() == GeneratorInput.Kind.IMAGE).forEach(i -> names.add(i.name()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /**
     * These values with one float input replaced, e.g. given latent vectors.
     *
     * @param name the input's name
     * @param values its values, {@code count * size}
     * @return the new values
     */
    public InputValues withFloats(String name, float[] values) {
        int i = indexOf(name);
        List<float[]> f = new ArrayList<>(floats);
        f.set(i, values);
        return new InputValues(inputs, count, f, ints);
    }

    /**
     * These values with one categorical input replaced.
     *
     * @param name the input's name
     * @param values its class indices, {@code count}
     * @return the new values
     */
    public InputValues withInts(String name, int[] values) {
        int i = indexOf(name);
        List<int[]> v = new ArrayList<>(ints);
        v.set(i, values);
        return new InputValues(inputs, count, floats, v);
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
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the product has no input '" + name + "'");
    }
}
