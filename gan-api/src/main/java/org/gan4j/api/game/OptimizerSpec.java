package org.gan4j.api.game;

import java.util.List;
import java.util.Objects;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.plugin.PluginRegistry;

/**
 * An optimizer of a game: Adam over the trainable parameters of some of its networks. The
 * runtime owns its moments, saves them in checkpoints as {@code <name>-adam.ndlist}, and applies
 * the run's learning-rate schedule to it.
 *
 * @param name the optimizer's name, {@code [a-z0-9-]+}, e.g. {@code discriminator}
 * @param networks the roles of the networks it updates, at least one
 * @param adam its hyperparameters
 */
public record OptimizerSpec(String name, List<String> networks, AdamConfig adam) {

    /** Checks the name and copies the roles. */
    public OptimizerSpec {
        if (!PluginRegistry.isValidName(name)) {
            throw new IllegalArgumentException("optimizer name '" + name + "' must match [a-z0-9-]+");
        }
        networks = List.copyOf(networks);
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("optimizer '" + name + "' must update at least one network");
        }
        Objects.requireNonNull(adam, "adam");
    }
}
