package org.gan4j.api.config;

import java.util.Map;
import java.util.TreeMap;
import org.gan4j.api.ConfigException;
import org.gan4j.api.plugin.PluginRegistry;

/**
 * A plugin selected by name, with the options given to it.
 *
 * @param name the plugin's name
 * @param options option values as text; never null
 */
public record PluginChoice(String name, Map<String, String> options) {

    /** Validates the name and copies the options. */
    public PluginChoice {
        if (name == null || name.isBlank()) {
            throw new ConfigException("name is required");
        }
        if (!PluginRegistry.isValidName(name)) {
            throw new ConfigException(
                    "name '" + name + "' is invalid; plugin names are lower-case letters, digits and '-'");
        }
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /**
     * A choice with no options.
     *
     * @param name the plugin's name
     * @return the choice
     */
    public static PluginChoice of(String name) {
        return new PluginChoice(name, Map.of());
    }
}
