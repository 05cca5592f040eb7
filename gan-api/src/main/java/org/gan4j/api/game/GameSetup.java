package org.gan4j.api.game;

import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;

/**
 * What a game is created from: the run's resolved settings, its own options, what the data look
 * like, and the other plugins by name. When a finished run's product is rebuilt (for {@code gan
 * sample} or export) there is no dataset: {@link #data()} then comes from the run's {@code
 * run.json}.
 */
public interface GameSetup {

    /** @return the run's settings, every plugin's options resolved */
    TrainConfig config();

    /** @return this game's own options ({@code --game-opt}), checked against its declared options */
    Options options();

    /** @return what the dataset's samples look like */
    DataSpec data();

    /**
     * An architecture plugin by name.
     *
     * @param name the plugin's name, e.g. {@code config().model().name()}
     * @return the plugin
     * @throws org.gan4j.api.plugin.UnknownPluginException listing the names there are
     */
    ArchitectureProvider architecture(String name);

    /**
     * The options of a chosen plugin, checked against the options it declares.
     *
     * @param kind the plugin kind, e.g. {@link ArchitectureProvider#KIND}
     * @param choice the plugin and the options given to it
     * @return the resolved options
     */
    Options options(String kind, PluginChoice choice);

    /**
     * Creates a loss from a chosen loss plugin.
     *
     * @param choice the loss and its options
     * @return the loss
     */
    AdversarialLoss loss(PluginChoice choice);

    /**
     * Creates a regularizer from a chosen regularizer plugin.
     *
     * @param choice the regularizer and its options
     * @return the regularizer
     */
    Regularizer regularizer(PluginChoice choice);
}
