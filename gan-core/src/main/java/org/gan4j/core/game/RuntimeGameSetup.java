package org.gan4j.core.game;

import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.GameProvider;
import org.gan4j.api.game.GameSetup;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerProvider;
import org.gan4j.core.plugin.PluginCatalog;

/**
 * The {@link GameSetup} a game is created from, backed by a plugin catalog. Internal to the
 * training runtime.
 *
 * @param config the run's resolved settings
 * @param data what the data look like
 * @param plugins where the plugins are
 */
public record RuntimeGameSetup(TrainConfig config, DataSpec data, PluginCatalog plugins) implements GameSetup {

    /**
     * Creates the config's game for these data.
     *
     * @param config the resolved settings
     * @param data what the data look like
     * @param plugins the plugins
     * @return the game
     * @throws org.gan4j.api.ConfigException if the game refuses the setup
     */
    public static Game createGame(TrainConfig config, DataSpec data, PluginCatalog plugins) {
        GameProvider provider = plugins.games().get(config.game().name());
        return provider.create(new RuntimeGameSetup(config, data, plugins));
    }

    @Override
    public Options options() {
        return options(GameProvider.KIND, config.game());
    }

    @Override
    public ArchitectureProvider architecture(String name) {
        return plugins.models().get(name);
    }

    @Override
    public Options options(String kind, PluginChoice choice) {
        return Options.resolve(kind, plugin(kind, choice.name()), choice.options());
    }

    private GanPlugin plugin(String kind, String name) {
        return registry(kind).get(name);
    }

    private PluginRegistry<? extends GanPlugin> registry(String kind) {
        return switch (kind) {
            case GameProvider.KIND -> plugins.games();
            case ArchitectureProvider.KIND -> plugins.models();
            case AdversarialLossProvider.KIND -> plugins.losses();
            case RegularizerProvider.KIND -> plugins.regularizers();
            default -> throw new IllegalArgumentException("no plugin kind '" + kind + "' holds options a game reads");
        };
    }

    @Override
    public AdversarialLoss loss(PluginChoice choice) {
        AdversarialLossProvider provider = plugins.losses().get(choice.name());
        return provider.create(Options.resolve(AdversarialLossProvider.KIND, provider, choice.options()));
    }

    @Override
    public Regularizer regularizer(PluginChoice choice) {
        RegularizerProvider provider = plugins.regularizers().get(choice.name());
        return provider.create(Options.resolve(RegularizerProvider.KIND, provider, choice.options()));
    }
}
