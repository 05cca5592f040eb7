package org.gan4j.api.game;

import org.gan4j.api.plugin.GanPlugin;

/**
 * A game plugin: what one training step does, which networks exist, and which of them is the
 * product that users sample and export. Registered under {@code
 * META-INF/services/org.gan4j.api.game.GameProvider}; chosen with {@code gan train --game NAME}
 * (default {@code adversarial}).
 *
 * <p>Like every plugin, a provider has a public no-argument constructor that does no work.
 * {@link #create} is called once for every run, and again whenever a finished run's product is
 * rebuilt for sampling or export, so it must be a pure function of its {@link GameSetup}.
 */
public interface GameProvider extends GanPlugin {

    /** The user-facing name of this plugin kind. */
    String KIND = "game";

    /**
     * Creates the game for a run: checks that the setup suits it (a one-line {@link
     * org.gan4j.api.ConfigException} naming the setting and the fix if not) and declares the
     * networks, optimizers, updates and product. Builds blocks but initializes nothing: the
     * runtime initializes the networks, in the order the game lists them.
     *
     * @param setup the run's settings, data and plugins
     * @return the game
     */
    Game create(GameSetup setup);
}
