package org.gan4j.api.model;

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
     * Whether this architecture can build networks for a spec; the default accepts unconditional
     * specs only.
     *
     * @param spec the spec
     * @return null if supported, otherwise a one-line reason naming an alternative
     */
    default String unsupportedReason(ModelSpec spec) {
        return spec.conditional()
                ? "model '" + name() + "' is unconditional but the dataset has "
                        + spec.numClasses() + " classes; choose a conditional model"
                : null;
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
