package org.gan4j.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.game.GameProvider;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.RegularizerProvider;
import org.gan4j.core.plugin.PluginCatalog;

/**
 * A run's settings resolved against the plugins, once: every plugin the settings name found,
 * every plugin's options checked and completed with their defaults, and the discriminator steps
 * left at 0 made the loss's choice. What the trainer runs and {@code config.json} records.
 */
public final class RunSettings {

    private final TrainConfig config;
    private final PluginCatalog plugins;

    private RunSettings(TrainConfig config, PluginCatalog plugins) {
        this.config = config;
        this.plugins = plugins;
    }

    /**
     * Resolves settings: the checks a run makes before it writes anything (plugin names, option
     * names, and the values that creating a loss and regularizers checks).
     *
     * @param config the settings
     * @param plugins the plugins
     * @return the resolved settings
     * @throws org.gan4j.api.ConfigException naming the setting and the rule, if one is invalid
     * @throws org.gan4j.api.plugin.UnknownPluginException listing the names there are, for an
     *     unknown plugin
     */
    public static RunSettings resolve(TrainConfig config, PluginCatalog plugins) {
        Objects.requireNonNull(plugins, "plugins");
        GameProvider game = plugins.games().get(config.game().name());
        ArchitectureProvider arch = plugins.models().get(config.model().name());
        AdversarialLossProvider loss = plugins.losses().get(config.loss().name());
        DatasetProvider data = plugins.datasets().get(config.dataset().name());
        List<PluginChoice> regularizers = new ArrayList<>();
        for (PluginChoice r : config.regularizers()) {
            RegularizerProvider provider = plugins.regularizers().get(r.name());
            PluginChoice choice = resolved(RegularizerProvider.KIND, provider, r);
            // Creating is cheap and checks the option values before anything is written.
            provider.create(Options.resolve(RegularizerProvider.KIND, provider, choice.options()));
            regularizers.add(choice);
        }
        PluginChoice lossChoice = resolved(AdversarialLossProvider.KIND, loss, config.loss());
        int preferred = loss.create(Options.resolve(AdversarialLossProvider.KIND, loss, lossChoice.options()))
                .preferredDiscriminatorSteps();
        arch.batchMultiple(Options.resolve(ArchitectureProvider.KIND, arch, config.model().options()));
        int discriminatorSteps = config.discriminatorSteps() == 0 ? preferred : config.discriminatorSteps();
        TrainConfig resolved = config.toBuilder()
                .game(resolved(GameProvider.KIND, game, config.game()))
                .model(resolved(ArchitectureProvider.KIND, arch, config.model()))
                .loss(lossChoice)
                .regularizers(regularizers)
                .dataset(resolved(DatasetProvider.KIND, data, config.dataset()))
                .discriminatorSteps(discriminatorSteps)
                .build();
        return new RunSettings(resolved, plugins);
    }

    private static PluginChoice resolved(String kind, GanPlugin plugin, PluginChoice choice) {
        return new PluginChoice(choice.name(), Options.resolve(kind, plugin, choice.options()).asMap());
    }

    /** @return the resolved settings */
    public TrainConfig config() {
        return config;
    }

    /** @return the plugins they were resolved against */
    public PluginCatalog plugins() {
        return plugins;
    }

    /**
     * These settings with the run-length and checkpoint settings of another resolved config (what
     * {@code --resume} may change), resolved again.
     *
     * @param changed the new settings
     * @return the resolved settings
     */
    public RunSettings with(TrainConfig changed) {
        return resolve(changed, plugins);
    }
}
