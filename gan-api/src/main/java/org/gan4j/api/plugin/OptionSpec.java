package org.gan4j.api.plugin;

import java.util.Objects;

/**
 * One option a plugin accepts.
 *
 * @param name the option's key, {@code [a-z0-9-]+}
 * @param defaultValue the value used when the option is not given, as text
 * @param description one line saying what the option does
 */
public record OptionSpec(String name, String defaultValue, String description) {

    /** Validates the option's name and requires all fields. */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!PluginRegistry.isValidName(name)) {
            throw new IllegalArgumentException(
                    "option name '" + name + "' must match [a-z0-9-]+");
        }
    }
}
