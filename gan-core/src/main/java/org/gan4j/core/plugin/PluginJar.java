package org.gan4j.core.plugin;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.api.plugin.GanPlugin;

/**
 * A jar of a plugin folder whose plugins were loaded, through a class loader of its own.
 *
 * @param file the jar
 * @param plugins its plugins by kind; every kind is present, most with an empty list
 */
public record PluginJar(Path file, Map<PluginKind<?>, List<GanPlugin>> plugins) {

    /** Copies the map and its lists. */
    public PluginJar {
        Objects.requireNonNull(file, "file");
        Map<PluginKind<?>, List<GanPlugin>> copy = new LinkedHashMap<>();
        plugins.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
        plugins = Collections.unmodifiableMap(copy);
    }

    /** @return the jar's file name, as {@code gan plugins} shows it */
    public String fileName() {
        return file.getFileName().toString();
    }

    /**
     * This jar's plugins of one kind.
     *
     * @param kind the kind
     * @param <T> its interface
     * @return the plugins, in the order of the jar's services file
     */
    public <T extends GanPlugin> List<T> plugins(PluginKind<T> kind) {
        return plugins.getOrDefault(kind, List.of()).stream().map(kind.type()::cast).toList();
    }

    /**
     * Whether a plugin instance came from this jar.
     *
     * @param plugin the plugin
     * @return true if it is one of this jar's plugins (compared by identity)
     */
    public boolean contains(GanPlugin plugin) {
        return plugins.values().stream().flatMap(List::stream).anyMatch(p -> p == plugin);
    }
}
