package org.gan4j.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.game.GameProvider;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.api.regularize.RegularizerProvider;
import org.gan4j.core.plugin.PluginFolder;
import org.gan4j.core.plugin.PluginJar;
import org.gan4j.core.plugin.PluginKind;
import org.gan4j.core.plugin.SkippedJar;

/**
 * Every plugin gan4j can use, by kind: the built-in ones found on a class loader and those of the
 * jars of a plugin folder (see {@link PluginFolder}).
 *
 * @param games the games
 * @param models the architectures
 * @param losses the adversarial losses
 * @param datasets the datasets
 * @param regularizers the regularizers
 * @param converters the block-to-ONNX converters, for export
 * @param jars the plugin folder's jars whose plugins are in the registries, in file-name order
 * @param skipped the plugin folder's jars that were not loaded, with the reasons
 */
public record PluginCatalog(
        PluginRegistry<GameProvider> games,
        PluginRegistry<ArchitectureProvider> models,
        PluginRegistry<AdversarialLossProvider> losses,
        PluginRegistry<DatasetProvider> datasets,
        PluginRegistry<RegularizerProvider> regularizers,
        PluginRegistry<BlockConverter> converters,
        List<PluginJar> jars,
        List<SkippedJar> skipped) {

    /** Copies the lists. */
    public PluginCatalog {
        jars = List.copyOf(jars);
        skipped = List.copyOf(skipped);
    }

    /**
     * Discovers the plugins on a class loader.
     *
     * @param classLoader where to look, e.g. the thread's context class loader
     * @return the catalog
     * @throws org.gan4j.api.plugin.PluginException if a plugin cannot be loaded or two share a name
     */
    public static PluginCatalog load(ClassLoader classLoader) {
        return load(classLoader, null);
    }

    /**
     * Discovers the plugins on a class loader (the built-in ones) and in the jars of a plugin
     * folder, each jar through a class loader of its own whose parent is {@code classLoader}. A
     * jar that cannot be loaded, or whose plugins would clash with the built-in ones or those of
     * a jar before it, is skipped and listed in {@link #skipped()}; the others are unaffected.
     *
     * @param classLoader where the built-in plugins are, e.g. the thread's context class loader
     * @param pluginFolder the plugin folder, or null for none
     * @return the catalog
     * @throws org.gan4j.api.plugin.PluginException if a built-in plugin cannot be loaded or two
     *     share a name
     * @throws org.gan4j.api.ConfigException naming the folder if it cannot be listed
     */
    public static PluginCatalog load(ClassLoader classLoader, Path pluginFolder) {
        Map<PluginKind<?>, List<GanPlugin>> builtIns = new LinkedHashMap<>();
        for (PluginKind<?> kind : PluginKind.ALL) {
            builtIns.put(kind, List.copyOf(kind.load(classLoader).all()));
        }
        List<PluginJar> jars = List.of();
        List<SkippedJar> skipped = List.of();
        if (pluginFolder != null) {
            PluginFolder folder = PluginFolder.load(pluginFolder, classLoader, builtIns);
            jars = folder.jars();
            skipped = folder.skipped();
        }
        return new PluginCatalog(
                registry(PluginKind.GAME, builtIns, jars),
                registry(PluginKind.MODEL, builtIns, jars),
                registry(PluginKind.LOSS, builtIns, jars),
                registry(PluginKind.DATASET, builtIns, jars),
                registry(PluginKind.REGULARIZER, builtIns, jars),
                registry(PluginKind.CONVERTER, builtIns, jars),
                jars,
                skipped);
    }

    private static <T extends GanPlugin> PluginRegistry<T> registry(
            PluginKind<T> kind, Map<PluginKind<?>, List<GanPlugin>> builtIns, List<PluginJar> jars) {
        List<T> all = new ArrayList<>();
        builtIns.get(kind).forEach(p -> all.add(kind.type().cast(p)));
        jars.forEach(jar -> all.addAll(jar.plugins(kind)));
        return PluginRegistry.of(kind.name(), all);
    }

    /**
     * Where a plugin of this catalog came from.
     *
     * @param plugin one of the catalog's plugins
     * @return the file name of its plugin jar, or {@value PluginFolder#BUILT_IN} for a plugin
     *     found on the class loader
     */
    public String origin(GanPlugin plugin) {
        for (PluginJar jar : jars) {
            if (jar.contains(plugin)) {
                return jar.fileName();
            }
        }
        return PluginFolder.BUILT_IN;
    }
}
