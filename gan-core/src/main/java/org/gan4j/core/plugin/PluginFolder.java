package org.gan4j.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.gan4j.api.ConfigException;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.PluginRegistry;

/**
 * The jars of a plugin folder, each loaded through a {@link URLClassLoader} of its own whose parent
 * is the class loader of gan4j and its built-in plugins.
 *
 * <p>A jar is loaded whole or not at all: it is skipped, with a one-line reason, when it is not a
 * readable jar, when a {@code META-INF/services} entry names a class that cannot be loaded or
 * instantiated, when a plugin fails to tell its name, description or options, when it holds no
 * gan4j plugin of its own, or when one of its plugins would clash with a plugin already loaded: the same
 * name as a built-in plugin of its kind or one of a jar loaded before it, or a converter for a
 * block type that already has one. Built-in plugins always win, and jars load in the order of
 * their file names, so the outcome does not depend on the file system. A skipped jar never affects
 * the others or the built-in plugins.
 *
 * <p>Only the jar's own classes count as its plugins: a services entry naming a class that its
 * parent class loader already has (a copy of a gan4j module bundled into the jar) is ignored, and
 * gan4j's own copy of every gan4j and DJL class is used. The class loaders of loaded jars stay
 * open for the life of the process; those of skipped jars are closed.
 *
 * @param dir the folder
 * @param jars the jars whose plugins were loaded, in file-name order
 * @param skipped the jars that were not loaded, in file-name order, with the reasons
 */
public record PluginFolder(Path dir, List<PluginJar> jars, List<SkippedJar> skipped) {

    /** The origin of a plugin found on gan4j's own class path, as {@code gan plugins} shows it. */
    public static final String BUILT_IN = "built-in";

    /** The environment variable naming a plugin folder when {@code --plugins} is not given. */
    public static final String ENVIRONMENT_VARIABLE = "GAN4J_PLUGINS";

    /** Copies the lists. */
    public PluginFolder {
        jars = List.copyOf(jars);
        skipped = List.copyOf(skipped);
    }

    /**
     * The jars of a folder: its regular files whose names end in {@code .jar} (any case), not
     * hidden, sorted by name. Subfolders and other files are ignored.
     *
     * @param dir the folder
     * @return the jars
     * @throws ConfigException naming the folder if it cannot be listed
     */
    public static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("plugin folder " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".jar")
                                && Files.isRegularFile(f);
                    })
                    .sorted()
                    .toList();
        } catch (AccessDeniedException e) {
            throw new ConfigException("cannot read plugin folder " + dir + ": permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot read plugin folder " + dir + ": " + e, e);
        }
    }

    /**
     * Loads the jars of a folder beside the built-in plugins.
     *
     * @param dir the folder
     * @param parent the class loader of gan4j and its built-in plugins; every jar's loader
     *     delegates to it
     * @param builtIns the built-in plugins by kind, already loaded from {@code parent}: a jar's
     *     plugin may not take one of their names, nor a converter one of their block types
     * @return what was loaded and what was skipped
     * @throws ConfigException naming the folder if it cannot be listed
     */
    public static PluginFolder load(
            Path dir, ClassLoader parent, Map<PluginKind<?>, ? extends Collection<? extends GanPlugin>> builtIns) {
        Claims claims = new Claims();
        builtIns.forEach((kind, plugins) -> plugins.forEach(p -> claims.claim(kind, p, null)));
        List<PluginJar> jars = new ArrayList<>();
        List<SkippedJar> skipped = new ArrayList<>();
        for (Path jar : jarsIn(dir)) {
            URLClassLoader loader = null;
            try {
                loader = classLoader(jar, parent);
                Map<PluginKind<?>, List<GanPlugin>> plugins = pluginsOf(loader);
                claims.check(plugins);
                String name = jar.getFileName().toString();
                plugins.forEach((kind, list) -> list.forEach(p -> claims.claim(kind, p, name)));
                jars.add(new PluginJar(jar, plugins));
            } catch (Skip e) {
                skipped.add(new SkippedJar(jar, e.getMessage()));
                close(loader);
            } catch (RuntimeException | LinkageError e) {
                // Not foreseen above; still this jar's failure alone.
                skipped.add(new SkippedJar(jar, "cannot load it: " + e));
                close(loader);
            }
        }
        return new PluginFolder(dir, jars, skipped);
    }

    /** A jar's own class loader, after checking that the file is a jar. */
    private static URLClassLoader classLoader(Path jar, ClassLoader parent) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.getManifest(); // reads the central directory and the manifest, if any
        } catch (IOException | SecurityException e) {
            throw new Skip("not a readable jar file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        try {
            URL url = jar.toUri().toURL();
            return new URLClassLoader("gan4j-plugin:" + jar.getFileName(), new URL[] {url}, parent);
        } catch (MalformedURLException e) {
            throw new Skip("cannot make a class loader for it: " + e.getMessage());
        }
    }

    /** The plugins whose classes are the jar's own, by kind; every kind gets an entry. */
    private static Map<PluginKind<?>, List<GanPlugin>> pluginsOf(URLClassLoader loader) {
        Map<PluginKind<?>, List<GanPlugin>> plugins = new LinkedHashMap<>();
        int count = 0;
        for (PluginKind<?> kind : PluginKind.ALL) {
            List<GanPlugin> own;
            try {
                own = ownPlugins(kind, loader);
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new Skip("cannot load its " + kind.name() + " plugins (" + kind.servicesFile() + "): "
                        + describe(e, kind));
            }
            for (GanPlugin p : own) {
                try {
                    // Everything gan4j will ask a plugin before using it must work now.
                    p.name();
                    p.description();
                    p.options();
                    if (p instanceof BlockConverter c) {
                        c.blockType();
                    }
                } catch (RuntimeException | LinkageError e) {
                    throw new Skip("its " + kind.name() + " plugin " + p.getClass().getName() + " fails: "
                            + describe(e, kind));
                }
            }
            count += own.size();
            plugins.put(kind, own);
        }
        if (count == 0) {
            List<String> listed = new ArrayList<>();
            for (PluginKind<?> kind : PluginKind.ALL) {
                listed.addAll(listedIn(loader, kind));
            }
            throw new Skip(listed.isEmpty()
                    ? "it holds no gan4j plugin: it has no META-INF/services file for one of gan-api's plugin"
                            + " interfaces"
                    : "the classes its META-INF/services files name are on gan4j's class path already ("
                            + String.join(", ", listed) + "), and gan4j uses those: the jar adds nothing");
        }
        return plugins;
    }

    /** The class names the jar's own services file of a kind lists (not its parent's). */
    private static List<String> listedIn(URLClassLoader loader, PluginKind<?> kind) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.findResources(kind.servicesFile());
            while (files.hasMoreElements()) {
                URLConnection connection = files.nextElement().openConnection();
                connection.setUseCaches(false); // no cached JarFile outliving the loader
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty())
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            // Only for the message: ServiceLoader has read these files already.
        }
        return names;
    }

    private static <T extends GanPlugin> List<GanPlugin> ownPlugins(PluginKind<T> kind, ClassLoader loader) {
        List<GanPlugin> own = new ArrayList<>();
        Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(kind.type(), loader).stream().iterator();
        while (it.hasNext()) {
            ServiceLoader.Provider<T> provider = it.next();
            // The parent's services (the built-in plugins) are visible through the jar's loader too.
            if (provider.type().getClassLoader() == loader) {
                own.add(provider.get());
            }
        }
        return own;
    }

    private static String describe(Throwable e, PluginKind<?> kind) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof ServiceConfigurationError) {
            String prefix = kind.type().getName() + ": ";
            m = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
            return e.getCause() == null || e.getCause() == e ? m : m + "; " + describe(e.getCause(), kind);
        }
        if (e instanceof NoClassDefFoundError) {
            return "class " + m.replace('/', '.') + " is missing (NoClassDefFoundError); a plugin jar must hold every"
                    + " class it needs beyond gan-api and DJL's API";
        }
        if (e instanceof UnsupportedClassVersionError) {
            return m + " (compile plugins for Java 17)";
        }
        return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }

    private static void close(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // Nothing of it is used; a loader that will not close is only a leaked file handle.
            }
        }
    }

    /** A jar is not loaded; the message is the one-line reason. */
    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The names and converter block types taken so far, and by whom (null: built-in). */
    private static final class Claims {
        private final Map<PluginKind<?>, Map<String, String>> names = new HashMap<>();
        private final Map<Class<?>, String> blockTypes = new HashMap<>();
        private final Map<Class<?>, String> blockTypeConverters = new HashMap<>();

        void claim(PluginKind<?> kind, GanPlugin plugin, String jar) {
            names.computeIfAbsent(kind, k -> new HashMap<>()).put(plugin.name(), origin(jar));
            if (plugin instanceof BlockConverter c) {
                blockTypes.put(c.blockType(), origin(jar));
                blockTypeConverters.put(c.blockType(), c.name());
            }
        }

        /** Throws the reason a jar's plugins cannot join the ones claimed so far, if there is one. */
        void check(Map<PluginKind<?>, List<GanPlugin>> plugins) {
            for (Map.Entry<PluginKind<?>, List<GanPlugin>> e : plugins.entrySet()) {
                PluginKind<?> kind = e.getKey();
                Map<String, GanPlugin> own = new HashMap<>();
                Map<Class<?>, BlockConverter> ownTypes = new HashMap<>();
                for (GanPlugin p : e.getValue()) {
                    String name = p.name();
                    if (!PluginRegistry.isValidName(name)) {
                        throw new Skip("its " + kind.name() + " plugin " + p.getClass().getName() + " has the invalid name '"
                                + name + "'; names must match [a-z0-9-]+");
                    }
                    GanPlugin twin = own.put(name, p);
                    if (twin != null) {
                        throw new Skip("two of its " + kind.name() + " plugins are named '" + name + "': "
                                + twin.getClass().getName() + " and " + p.getClass().getName());
                    }
                    String taken = names.getOrDefault(kind, Map.of()).get(name);
                    if (taken != null) {
                        throw new Skip(taken.equals(BUILT_IN)
                                ? "its " + kind.name() + " '" + name + "' has the name of a built-in " + kind.name()
                                        + "; built-in plugins cannot be replaced, rename it"
                                : "its " + kind.name() + " '" + name + "' has the name of one in " + taken
                                        + ", loaded before it (jars load in file-name order); remove one of the jars or rename the plugin");
                    }
                    if (p instanceof BlockConverter c) {
                        Class<?> type = c.blockType();
                        if (type == null) {
                            throw new Skip("its converter '" + name + "' names no block type (blockType() is null)");
                        }
                        BlockConverter sibling = ownTypes.put(type, c);
                        String owner = blockTypes.get(type);
                        if (sibling != null || owner != null) {
                            throw new Skip("its converter '" + name + "' translates " + type.getName() + ", as "
                                    + (sibling != null ? "its converter '" + sibling.name() + "'"
                                            : owner.equals(BUILT_IN) ? "the built-in converter '"
                                                    + blockTypeConverters.get(type) + "'"
                                            : "converter '" + blockTypeConverters.get(type) + "' of " + owner)
                                    + " does; a block type has one converter");
                        }
                    }
                }
            }
        }

        private static String origin(String jar) {
            return jar == null ? BUILT_IN : jar;
        }
    }
}
