package org.gan4j.api.game;

import java.util.Objects;
import org.gan4j.api.plugin.PluginRegistry;

/**
 * One kind of update a game's step makes: it trains the networks of one optimizer; every other
 * network is held fixed, bit for bit, and called without recording gradients for its parameters.
 * Its name labels its loss in {@code metrics.csv} and {@code health.csv} ({@code <name>_loss}) and
 * on the console (upper-cased).
 *
 * @param name the update's name, {@code [a-z0-9-]+}, e.g. {@code d}
 * @param optimizer the optimizer it steps, one of the game's {@link OptimizerSpec}s
 */
public record UpdateSpec(String name, String optimizer) {

    /** Checks the name. */
    public UpdateSpec {
        if (!PluginRegistry.isValidName(name)) {
            throw new IllegalArgumentException("update name '" + name + "' must match [a-z0-9-]+");
        }
        Objects.requireNonNull(optimizer, "optimizer");
    }
}
