package org.gan4j.onnx;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One input of an exported product, as the file's metadata describes it: the sampler's own
 * description, free of DJL types (gan-api's {@code ProductInput}, which the exporter writes it from,
 * holds a DJL shape). In the graph a float input (normal, uniform, image) is float32 [N, shape...]
 * and a categorical one is int64 [N], N being the dynamic batch axis.
 *
 * @param name the graph input's name, e.g. {@code z}, {@code label}, {@code code}, {@code source}
 * @param kind what values it takes
 * @param shape one sample's value, without the batch axis: [latent size] for noise, [] for a
 *     class index, [C, H, W] for an image
 * @param classes the number of classes of a categorical input, else 0
 * @param distribution what a normal or uniform input is drawn from, {@value #NORMAL_0_1} or
 *     {@value #UNIFORM_MINUS_1_1}; empty for categorical and image inputs
 */
public record GeneratorInput(String name, Kind kind, long[] shape, int classes, String distribution) {

    /** The distribution of gan4j's normal inputs, as written in metadata. */
    public static final String NORMAL_0_1 = "normal(0, 1)";
    /** The distribution of gan4j's uniform inputs, as written in metadata. */
    public static final String UNIFORM_MINUS_1_1 = "uniform(-1, 1)";

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

    /** What an input's values are, and how samplers get them; as gan-api's {@code ProductInput.Kind}. */
    public enum Kind {
        /** float32 noise drawn from its distribution, normal(0, 1): the latent vector z. */
        NORMAL,
        /** float32 codes drawn uniformly on [-1, 1] (InfoGAN's continuous codes). */
        UNIFORM,
        /** int64 class indices in [0, classes): labels, categorical codes; cycled, never drawn at random. */
        CATEGORICAL,
        /** float32 values in the data's units, e.g. an image to translate: given, never drawn. */
        IMAGE;

        /** @return the kind as metadata writes it: {@code normal}, {@code uniform}, {@code categorical}, {@code image} */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * A kind from its metadata name.
         *
         * @param key e.g. {@code normal}
         * @return the kind, or null if there is none of that name
         */
        public static Kind ofKey(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Checks the name, shape, classes and distribution against the kind, and copies the shape. */
    public GeneratorInput {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("input name '" + name + "' must match [a-z0-9_-]+");
        }
        Objects.requireNonNull(kind, "kind");
        shape = shape.clone();
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("input '" + name + "': shape " + Arrays.toString(shape)
                        + " has a dimension below 1");
            }
        }
        if (kind == Kind.CATEGORICAL) {
            if (classes < 1 || shape.length != 0) {
                throw new IllegalArgumentException("input '" + name + "': a categorical input has classes > 0 and"
                        + " shape [], got " + classes + " classes and shape " + Arrays.toString(shape));
            }
        } else {
            if (classes != 0) {
                throw new IllegalArgumentException("input '" + name + "': only categorical inputs have classes, got "
                        + classes);
            }
            if (shape.length == 0) {
                throw new IllegalArgumentException("input '" + name + "': a " + kind.key() + " input needs a shape");
            }
        }
        distribution = distribution == null ? "" : distribution;
        boolean drawn = kind == Kind.NORMAL || kind == Kind.UNIFORM;
        if (drawn == distribution.isEmpty()) {
            throw new IllegalArgumentException("input '" + name + "': " + (drawn
                    ? "a " + kind.key() + " input needs a distribution"
                    : "a " + kind.key() + " input has no distribution, got '" + distribution + "'"));
        }
    }

    /**
     * Standard normal noise of a given length.
     *
     * @param name the input's name
     * @param size the vector's length
     * @return the input
     */
    public static GeneratorInput normal(String name, int size) {
        return new GeneratorInput(name, Kind.NORMAL, new long[] {size}, 0, NORMAL_0_1);
    }

    /**
     * Codes uniform on [-1, 1].
     *
     * @param name the input's name
     * @param size the vector's length
     * @return the input
     */
    public static GeneratorInput uniform(String name, int size) {
        return new GeneratorInput(name, Kind.UNIFORM, new long[] {size}, 0, UNIFORM_MINUS_1_1);
    }

    /**
     * A class index.
     *
     * @param name the input's name
     * @param classes how many classes
     * @return the input
     */
    public static GeneratorInput categorical(String name, int classes) {
        return new GeneratorInput(name, Kind.CATEGORICAL, new long[0], classes, "");
    }

    /**
     * A given float input, e.g. an image.
     *
     * @param name the input's name
     * @param shape one sample's shape, e.g. [1, 28, 28]
     * @return the input
     */
    public static GeneratorInput image(String name, long... shape) {
        return new GeneratorInput(name, Kind.IMAGE, shape, 0, "");
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return whether the graph takes it as int64 class indices rather than float32 values */
    public boolean categorical() {
        return kind == Kind.CATEGORICAL;
    }

    /** @return the element type in the graph: {@code int64} for categorical inputs, else {@code float32} */
    public String type() {
        return categorical() ? "int64" : "float32";
    }

    /** @return the values one sample takes: 1 for a class index */
    public int size() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return Math.toIntExact(n);
    }

    /** @return one sample's shape written as metadata writes it, comma-separated ({@code 1,28,28}; empty for []) */
    public String shapeKey() {
        StringBuilder sb = new StringBuilder();
        for (long d : shape) {
            sb.append(sb.length() == 0 ? "" : ",").append(d);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratorInput g
                && name.equals(g.name)
                && kind == g.kind
                && Arrays.equals(shape, g.shape)
                && classes == g.classes
                && distribution.equals(g.distribution);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, Arrays.hashCode(shape), classes, distribution);
    }

    @Override
    public String toString() {
        return name + " " + kind.key() + " " + type() + " [N" + (shape.length == 0 ? "" : ", " + shapeKey().replace(",", ", "))
                + "]" + (categorical() ? " of " + classes + " classes" : "")
                + (distribution.isEmpty() ? "" : " ~ " + distribution);
    }
}
