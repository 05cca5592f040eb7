package org.gan4j.api.plugin;

import java.util.List;

/**
 * A named, discoverable extension of gan4j: an architecture, a loss, a dataset. Implementations
 * are found through {@link java.util.ServiceLoader}, so they must have a public no-argument
 * constructor, and that constructor must be cheap: heavy work (building networks, reading files)
 * happens when the plugin is used, not when it is discovered.
 */
public interface GanPlugin {

    /**
     * The name users select this plugin by: lower-case letters, digits and hyphens ({@code
     * [a-z0-9-]+}), unique within its kind.
     *
     * @return the plugin's name
     */
    String name();

    /**
     * One line saying what this plugin is, shown by {@code gan plugins}.
     *
     * @return a one-line description
     */
    String description();

    /**
     * The options this plugin accepts, with their defaults. Options not listed here are rejected
     * when the plugin is configured.
     *
     * @return the accepted options, in the order to show them
     */
    default List<OptionSpec> options() {
        return List.of();
    }
}
