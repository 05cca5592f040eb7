package org.gan4j.api.model;

import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.Options;

/**
 * A GAN architecture plugin: builds a generator and a discriminator for a model spec.
 * Registered under {@code META-INF/services/org.gan4j.api.model.ArchitectureProvider}.
 */
public interface ArchitectureProvider extends GanPlugin {

    /** The user-facing name of this plugin kind. */
    String KIND = "model";

    /**
     * Whether the networks take class labels. A conditional architecture needs a labelled
     * dataset; an unconditional one trains on a labelled dataset by ignoring its labels.
     *
     * @return true if both networks take labels; false by default
     */
    default boolean conditional() {
        return false;
    }

    /**
     * Whether this architecture can build networks for a spec, e.g. for its sample shape.
     *
     * @param spec the spec
     * @return null if supported (the default), otherwise a one-line reason naming an alternative
     */
    default String unsupportedReason(ModelSpec spec) {
        return null;
    }

    /**
     * Adjusts gan4j's default training settings to this architecture's recipe (e.g. DCGAN's Adam
     * 2e-4 with beta1 0.5 and batch 128). A config file and flags override the result; the
     * default changes nothing.
     *
     * @param defaults gan4j's defaults, to adjust
     * @return the adjusted builder (usually {@code defaults} itself)
     */
    default TrainConfig.Builder recommendedSettings(TrainConfig.Builder defaults) {
        return defaults;
    }

    /**
     * The number every batch size must be a multiple of, e.g. when the discriminator judges
     * groups of samples together. The training loop checks it before it starts.
     *
     * @param options this plugin's options
     * @return a positive integer; 1 by default
     */
    default int batchMultiple(Options options) {
        return 1;
    }

    /**
     * Builds fresh, uninitialized networks. The training loop initializes them.
     *
     * @param spec what to build for
     * @param options this plugin's options, already checked against {@link #options()}
     * @return the generator and discriminator
     */
    GanNetworks create(ModelSpec spec, Options options);
}
