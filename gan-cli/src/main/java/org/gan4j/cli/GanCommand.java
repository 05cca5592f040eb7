package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.core.plugin.PluginFolder;
import org.gan4j.core.plugin.SkippedJar;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.plugin.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code gan} command: it groups the subcommands and holds the options they share,
 * among them the plugin folder, whose plugins it loads for them (once, on first use).
 */
@Command(
        name = "gan",
        mixinStandardHelpOptions = true,
        version = "gan4j 0.1.0-SNAPSHOT",
        description = "Train generative adversarial networks and sample from them.",
        subcommands = {TrainCommand.class, PluginsCommand.class, SampleCommand.class, ExportCommand.class,
            EvalCommand.class},
        footer = {
            "",
            "Environment: " + PluginFolder.ENVIRONMENT_VARIABLE + "=DIR is the plugin folder when --plugins is not given.",
            "",
            "Exit codes: 0 success; 1 failure while running;",
            "2 invalid arguments or configuration; 70 internal error."
        })
public final class GanCommand implements Runnable {

    @Spec CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    @Option(
            names = "--plugins",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Also load the plugin jars in DIR, each through its own class loader (default: $"
                    + PluginFolder.ENVIRONMENT_VARIABLE + "). A jar that cannot be loaded is skipped with a warning.")
    Path pluginsOption;

    @Option(
            names = "--threads",
            scope = ScopeType.INHERIT,
            paramLabel = "N",
            description = "Threads for the engine's operators (default: the processors this process may use; "
                    + "OMP_NUM_THREADS is honoured when set). On a machine shared with other busy processes, "
                    + "fewer threads than cores run faster.")
    Integer threads;

    private final Map<String, String> environment;
    private PluginCatalog catalog;

    /** Creates the command, reading the plugin folder's environment variable from the process. */
    public GanCommand() {
        this(System.getenv());
    }

    /**
     * Creates the command with a given environment, for tests.
     *
     * @param environment the environment variables
     */
    GanCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Gives the engine its thread count, before any subcommand starts it: {@code --threads}, else
     * (when neither OMP_NUM_THREADS nor the DJL property is set) the processors available to the
     * JVM.
     *
     * @throws ConfigException if --threads is below 1
     */
    void applyThreads() {
        if (threads != null) {
            if (threads < 1) {
                throw new ConfigException("--threads must be at least 1, got " + threads);
            }
            DjlEnvironment.threads(threads);
        } else {
            DjlEnvironment.defaultThreads(environment).ifPresent(DjlEnvironment::threads);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The plugin folder in effect: {@code --plugins}, else {@code $GAN4J_PLUGINS} if set and not
     * empty, else none.
     *
     * @return the folder, or null
     */
    Path pluginFolder() {
        if (pluginsOption != null) {
            return pluginsOption;
        }
        String env = environment.get(PluginFolder.ENVIRONMENT_VARIABLE);
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /**
     * Checks that the plugin folder, if one is in effect, is a readable directory. Cheap and
     * DJL-free: every subcommand runs it first, so a mistyped folder is an error even for a
     * command that needs no plugins.
     *
     * @throws ConfigException naming the folder and where it was given
     */
    void checkPluginFolder() {
        Path dir = pluginFolder();
        if (dir == null) {
            return;
        }
        String given = pluginsOption != null
                ? "--plugins " + dir
                : PluginFolder.ENVIRONMENT_VARIABLE + "=" + environment.get(PluginFolder.ENVIRONMENT_VARIABLE);
        if (!Files.exists(dir)) {
            throw new ConfigException(given + ": no such directory; give the folder that holds the plugin jars");
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(given + ": not a directory; give the folder that holds the plugin jars,"
                    + " not a jar");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new ConfigException(given + ": cannot read the directory (permission denied)");
        }
    }

    /**
     * The plugins: the built-in ones and those of the plugin folder, loaded on first use. Each
     * jar that was skipped is reported once, as a one-line warning on standard error.
     *
     * @return the catalog
     */
    PluginCatalog plugins() {
        if (catalog == null) {
            checkPluginFolder();
            catalog = PluginCatalog.load(Thread.currentThread().getContextClassLoader(), pluginFolder());
            PrintWriter err = spec.commandLine().getErr();
            for (SkippedJar s : catalog.skipped()) {
                err.println("gan: warning: " + s.warning());
            }
            err.flush();
        }
        return catalog;
    }
}
