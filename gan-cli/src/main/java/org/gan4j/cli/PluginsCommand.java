package org.gan4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.core.train.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gan plugins}: lists every discovered plugin by kind, with its description and options. */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = "List the plugins found on the class path: models, losses, datasets, regularizers, converters.")
public final class PluginsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PluginCatalog catalog = PluginCatalog.load(Thread.currentThread().getContextClassLoader());
        PrintWriter out = spec.commandLine().getOut();
        print(out, "models", catalog.models());
        print(out, "losses", catalog.losses());
        print(out, "datasets", catalog.datasets());
        print(out, "regularizers", catalog.regularizers());
        print(out, "converters (block to ONNX, for export)", PluginRegistry.load(
                BlockConverter.KIND, BlockConverter.class, Thread.currentThread().getContextClassLoader()));
        out.flush();
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, String title, PluginRegistry<? extends GanPlugin> registry) {
        out.println(title + ":");
        for (GanPlugin p : registry.all()) {
            out.printf("  %-11s %-16s %s%n", registry.kind(), p.name(), p.description());
            if (!p.options().isEmpty()) {
                out.println(
                        "                               options: "
                                + p.options().stream()
                                        .map(OptionSpec::name)
                                        .map(n -> n + "=" + defaultOf(p, n))
                                        .collect(Collectors.joining(" ")));
            }
        }
    }

    private static String defaultOf(GanPlugin p, String name) {
        return p.options().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().defaultValue();
    }
}
