package org.gan4j.api.regularize;

import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.Options;

/**
 * A regularizer plugin; a run can combine several with any loss. Registered under {@code
 * META-INF/services/org.gan4j.api.regularize.RegularizerProvider}.
 */
public interface RegularizerProvider extends GanPlugin {

    /** The user-facing name of this plugin kind. */
    String KIND = "regularizer";

    /**
     * Creates the regularizer.
     *
     * @param options this plugin's options, already checked against {@link #options()}
     * @return the regularizer
     */
    Regularizer create(Options options);
}
