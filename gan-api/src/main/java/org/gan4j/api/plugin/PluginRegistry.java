package org.gan4j.api.plugin;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The plugins of one kind, looked up by name, after Lucene's {@code NamedSPILoader}: one registry
 * per kind, names {@code [a-z0-9-]+}, an unknown name answered with the list of names there are,
 * and two plugins with one name reported instead of one silently winning.
 *
 * @param <T> the plugin kind's interface
 */
public final class PluginRegistry<T extends GanPlugin> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    private final String kind;
    private final Map<String, T> byName;

    private PluginRegistry(String kind, Map<String, T> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Discovers every plugin of a kind on a class loader through {@link ServiceLoader}.
     *
     * @param kind the kind's user-facing name, e.g. "model"
     * @param type the kind's interface
     * @param classLoader where to look
     * @param <T> the kind's interface
     * @return the registry
     * @throws PluginException if a plugin cannot be instantiated, has an invalid name, or shares
     *     its name with another
     */
    public static <T extends GanPlugin> PluginRegistry<T> load(
            String kind, Class<T> type, ClassLoader classLoader) {
        Iterator<T> it = ServiceLoader.load(type, classLoader).iterator();
        java.util.List<T> found = new java.util.ArrayList<>();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                throw new PluginException(
                        "cannot load a " + kind + " plugin: " + e.getMessage()
                                + "; check the META-INF/services/" + type.getName()
                                + " entries of the jars on the class path",
                        e);
            }
        }
        return of(kind, found);
    }

    /**
     * Builds a registry from plugins already instantiated (tests, embedding applications).
     *
     * @param kind the kind's user-facing name
     * @param plugins the plugins
     * @param <T> the kind's interface
     * @return the registry
     * @throws PluginException if a name is invalid or used twice
     */
    public static <T extends GanPlugin> PluginRegistry<T> of(String kind, Iterable<? extends T> plugins) {
        Map<String, T> byName = new TreeMap<>();
        for (T plugin : plugins) {
            String name = plugin.name();
            if (name == null || !isValidName(name)) {
                throw new PluginException(
                        kind + " plugin " + plugin.getClass().getName() + " has invalid name '"
                                + name + "'; names must match [a-z0-9-]+");
            }
            T previous = byName.putIfAbsent(name, plugin);
            if (previous != null) {
                throw new PluginException(
                        "two " + kind + " plugins are named '" + name + "': "
                                + previous.getClass().getName() + " and "
                                + plugin.getClass().getName()
                                + "; remove one of them from the class path or rename it");
            }
        }
        return new PluginRegistry<>(kind, byName);
    }

    /**
     * Whether a string is a valid plugin or option name.
     *
     * @param name the candidate
     * @return true if it matches {@code [a-z0-9-]+}
     */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Looks a plugin up by name.
     *
     * @param name the name
     * @return the plugin
     * @throws UnknownPluginException if there is none; its message lists the names there are
     */
    public T get(String name) {
        T plugin = byName.get(name);
        if (plugin == null) {
            throw new UnknownPluginException(kind, name, byName.keySet());
        }
        return plugin;
    }

    /** @return the kind's user-facing name */
    public String kind() {
        return kind;
    }

    /** @return the plugin names, sorted */
    public Set<String> names() {
        return byName.keySet();
    }

    /** @return the plugins, sorted by name */
    public Collection<T> all() {
        return byName.values();
    }
}
