package org.gan4j.core.plugin;

import java.util.List;
import java.util.Objects;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.game.GameProvider;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.api.regularize.RegularizerProvider;

/**
 * One kind of plugin gan4j loads through {@link java.util.ServiceLoader}: its user-facing name and
 * the interface listed in {@code META-INF/services}.
 *
 * @param name the kind's user-facing name, e.g. "model"
 * @param type the interface its plugins implement
 * @param <T> that interface
 */
public record PluginKind<T extends GanPlugin>(String name, Class<T> type) {

    /** Games. */
    public static final PluginKind<GameProvider> GAME = new PluginKind<>(GameProvider.KIND, GameProvider.class);
    /** Architectures. */
    public static final PluginKind<ArchitectureProvider> MODEL =
            new PluginKind<>(ArchitectureProvider.KIND, ArchitectureProvider.class);
    /** Adversarial losses. */
    public static final PluginKind<AdversarialLossProvider> LOSS =
            new PluginKind<>(AdversarialLossProvider.KIND, AdversarialLossProvider.class);
    /** Datasets. */
    public static final PluginKind<DatasetProvider> DATASET =
            new PluginKind<>(DatasetProvider.KIND, DatasetProvider.class);
    /** Regularizers. */
    public static final PluginKind<RegularizerProvider> REGULARIZER =
            new PluginKind<>(RegularizerProvider.KIND, RegularizerProvider.class);
    /** Block-to-ONNX converters, for export. */
    public static final PluginKind<BlockConverter> CONVERTER =
            new PluginKind<>(BlockConverter.KIND, BlockConverter.class);

    /** Every kind, in the order {@code gan plugins} lists them. */
    public static final List<PluginKind<?>> ALL = List.of(GAME, MODEL, LOSS, DATASET, REGULARIZER, CONVERTER);

    /** Requires both fields. */
    public PluginKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** @return the resource that lists this kind's plugins: {@code META-INF/services/<interface>} */
    public String servicesFile() {
        return "META-INF/services/" + type.getName();
    }

    /**
     * Discovers this kind's plugins on a class loader and everything it delegates to.
     *
     * @param classLoader where to look
     * @return the registry
     * @throws org.gan4j.api.plugin.PluginException as {@link PluginRegistry#load} does
     */
    public PluginRegistry<T> load(ClassLoader classLoader) {
        return PluginRegistry.load(name, type, classLoader);
    }
}
