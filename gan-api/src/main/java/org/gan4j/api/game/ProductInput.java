package org.gan4j.api.game;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.gan4j.api.plugin.PluginRegistry;

/**
 * One input of a game's product network, as samplers and exported files feed it.
 *
 * @param name the input's name, also its name in exported ONNX files: {@code z}, {@code label},
 *     {@code code}, {@code image}...
 * @param kind what values it takes
 * @param shape the shape of one sample's value, without the batch axis: (latent size) for noise,
 *     () for a label, (C, H, W) for an image
 * @param classes the number of classes of a {@link Kind#CATEGORICAL} input, else 0
 */
public record ProductInput(String name, Kind kind, Shape shape, int classes) {

    /** What an input's values are, and how samplers draw them. */
    public enum Kind {
        /** float32, standard normal noise: the latent vector z. */
        NORMAL,
        /** float32, uniform on [-1, 1]: continuous codes (InfoGAN). */
        UNIFORM,
        /** int32 in the engine (int64 in ONNX), a class index in [0, classes): labels, categorical codes. */
        CATEGORICAL,
        /**
         * float32, e.g. an image to translate: given, never drawn. The network takes it in the
         * model's units; {@code TrainedModel.sample}, {@code gan sample --input} and exported files
         * take it in the data's units and scale it on the way in, as they scale the output out.
         */
        IMAGE
    }

    /** Checks the name, the shape and the classes. */
    public ProductInput {
        if (!PluginRegistry.isValidName(name.replace('_', '-'))) {
            throw new IllegalArgumentException("input name '" + name + "' must match [a-z0-9_-]+");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
        if ((kind == Kind.CATEGORICAL) != (classes > 0)) {
            throw new IllegalArgumentException("input '" + name + "': a categorical input has classes > 0, others 0");
        }
    }

    /**
     * Standard normal noise of a given length.
     *
     * @param name the input's name
     * @param size the vector's length
     * @return the input
     */
    public static ProductInput normal(String name, int size) {
        return new ProductInput(name, Kind.NORMAL, new Shape(size), 0);
    }

    /**
     * A class index.
     *
     * @param name the input's name
     * @param classes how many classes
     * @return the input
     */
    public static ProductInput categorical(String name, int classes) {
        return new ProductInput(name, Kind.CATEGORICAL, new Shape(), classes);
    }

    /** @return the number of values of one sample's input: 1 for a label */
    public int size() {
        return Math.toIntExact(shape.size());
    }
}
