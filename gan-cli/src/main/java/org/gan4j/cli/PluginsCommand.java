package org.gan4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.core.plugin.PluginFolder;
import org.gan4j.core.plugin.PluginJar;
import org.gan4j.core.plugin.SkippedJar;
import org.gan4j.core.plugin.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan plugins}: lists every discovered plugin by kind, with where it came from (built-in,
 * or the plugin jar's file name), its description and its options.
 */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = {
            "List the plugins by kind, with their origins, descriptions and options.",
            "Kinds: models, losses, datasets, regularizers, converters. Origin: 'built-in' (on",
            "gan4j's class path), or the file name of the plugin folder's jar that holds it."
        })
public final class PluginsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @ParentCommand GanCommand gan;

    @Override
    public Integer call() {
        PluginCatalog catalog = gan.plugins();
        PrintWriter out = spec.commandLine().getOut();
        List<PluginRegistry<? extends GanPlugin>> registries = List.of(
                catalog.games(), catalog.models(), catalog.losses(), catalog.datasets(), catalog.regularizers(),
                catalog.converters());
        // Columns: kind, name, origin, description; as wide as their longest entry.
        int nameWidth = 16;
        int originWidth = PluginFolder.BUILT_IN.length();
        for (PluginRegistry<? extends GanPlugin> r : registries) {
            for (GanPlugin p : r.all()) {
                nameWidth = Math.max(nameWidth, p.name().length());
                originWidth = Math.max(originWidth, catalog.origin(p).length());
            }
        }
        String format = "  %-11s %-" + nameWidth + "s %-" + originWidth + "s  %s%n";
        String indent = " ".repeat(2 + 12 + nameWidth + 1 + originWidth + 2);
        String[] titles = {"games", "models", "losses", "datasets", "regularizers", "converters (block to ONNX, for export)"};
        for (int i = 0; i < titles.length; i++) {
            out.println(titles[i] + ":");
            PluginRegistry<? extends GanPlugin> registry = registries.get(i);
            for (GanPlugin p : registry.all()) {
                out.printf(format, registry.kind(), p.name(), catalog.origin(p), p.description());
                if (!p.options().isEmpty()) {
                    out.println(indent + "options: " + p.options().stream()
                            .map(o -> o.name() + "=" + o.defaultValue())
                            .collect(Collectors.joining(" ")));
                }
            }
        }
        if (gan.pluginFolder() != null) {
            out.println("plugin folder " + gan.pluginFolder() + ": " + summary(catalog));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static String summary(PluginCatalog catalog) {
        List<String> parts = new ArrayList<>();
        parts.add(count(catalog.jars().size(), "jar") + " loaded"
                + (catalog.jars().isEmpty() ? "" : " (" + catalog.jars().stream().map(PluginJar::fileName)
                        .collect(Collectors.joining(", ")) + ")"));
        if (!catalog.skipped().isEmpty()) {
            parts.add(catalog.skipped().size() + " skipped (" + catalog.skipped().stream().map(SkippedJar::fileName)
                    .collect(Collectors.joining(", ")) + ")");
        }
        return String.join(", ", parts);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
