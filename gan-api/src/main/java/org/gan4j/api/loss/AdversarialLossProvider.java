package org.gan4j.api.loss;

import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.Options;

/**
 * An adversarial loss plugin. Registered under {@code
 * META-INF/services/org.gan4j.api.loss.AdversarialLossProvider}.
 */
public interface AdversarialLossProvider extends GanPlugin {

    /** The user-facing name of this plugin kind. */
    String KIND = "loss";

    /**
     * Creates the loss.
     *
     * @param options this plugin's options, already checked against {@link #options()}
     * @return the loss
     */
    AdversarialLoss create(Options options);
}
