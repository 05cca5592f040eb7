package org.gan4j.core.train;

import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.api.regularize.RegularizerProvider;

/**
 * Every plugin gan4j can use, by kind.
 *
 * @param models the architectures
 * @param losses the adversarial losses
 * @param datasets the datasets
 * @param regularizers the regularizers
 */
public record PluginCatalog(
        PluginRegistry<ArchitectureProvider> models,
        PluginRegistry<AdversarialLossProvider> losses,
        PluginRegistry<DatasetProvider> datasets,
        PluginRegistry<RegularizerProvider> regularizers) {

    /**
     * Discovers the plugins on a class loader.
     *
     * @param classLoader where to look, e.g. the thread's context class loader
     * @return the catalog
     * @throws org.gan4j.api.plugin.PluginException if a plugin cannot be loaded or two share a name
     */
    public static PluginCatalog load(ClassLoader classLoader) {
        return new PluginCatalog(
                PluginRegistry.load(ArchitectureProvider.KIND, ArchitectureProvider.class, classLoader),
                PluginRegistry.load(AdversarialLossProvider.KIND, AdversarialLossProvider.class, classLoader),
                PluginRegistry.load(DatasetProvider.KIND, DatasetProvider.class, classLoader),
                PluginRegistry.load(RegularizerProvider.KIND, RegularizerProvider.class, classLoader));
    }
}
