package org.gan4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.plugin.PluginException;
import org.gan4j.core.engine.DjlOffline;
import picocli.CommandLine;

/**
 * Entry point of the {@code gan} command. Errors end in one line on standard error and a
 * non-zero exit code: {@value #EXIT_USAGE} for invalid arguments or configuration, {@value
 * #EXIT_FAILURE} for failures while running, {@value #EXIT_INTERNAL} for bugs. {@code --verbose}
 * adds the stack trace.
 */
public final class Main {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** A failure while running: unreadable data, unwritable files, divergence. */
    public static final int EXIT_FAILURE = 1;
    /** Invalid arguments or configuration: unknown option or plugin, a value breaking a rule. */
    public static final int EXIT_USAGE = 2;
    /** An unexpected error, i.e. a bug in gan4j or a plugin. */
    public static final int EXIT_INTERNAL = 70;

    private Main() {}

    /**
     * Runs the command and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * Runs the command with a given environment, for tests.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables the command reads ({@code GAN4J_PLUGINS})
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        // DJL must never reach the network: everything it needs ships in jars. DjlOffline loads no
        // DJL class: `gan sample --onnx` runs without DJL on the class path.
        DjlOffline.apply();
        System.setProperty("java.awt.headless", "true");
        GanCommand root = new GanCommand(environment);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        // `gan --plugins plugins train`: a folder may share its name with a subcommand.
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setParameterExceptionHandler(
                (ex, a) -> {
                    String command = ex.getCommandLine().getCommandName();
                    String path = command.equals("gan") ? "gan" : "gan " + command;
                    err.println(path + ": " + ex.getMessage() + " (see '" + path + " --help')");
                    return EXIT_USAGE;
                });
        cl.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    String path = commandLine == cl ? "gan" : "gan " + commandLine.getCommandName();
                    if (root.verbose) {
                        ex.printStackTrace(err);
                    }
                    err.println(path + ": " + message(ex));
                    err.flush();
                    if (ex instanceof ConfigException || ex instanceof PluginException) {
                        return EXIT_USAGE;
                    }
                    if (ex instanceof GanException) {
                        return EXIT_FAILURE;
                    }
                    if (!root.verbose) {
                        err.println("(this is a bug; run again with --verbose for the stack trace)");
                    }
                    return EXIT_INTERNAL;
                });
        cl.setExecutionStrategy(
                parseResult -> {
                    Integer help = CommandLine.executeHelpRequest(parseResult);
                    if (help != null) {
                        return help;
                    }
                    // A mistyped plugin folder is an error for every subcommand, before it runs.
                    List<CommandLine> commands = parseResult.asCommandLineList();
                    try {
                        root.checkPluginFolder();
                        root.applyThreads();
                    } catch (ConfigException e) {
                        CommandLine last = commands.get(commands.size() - 1);
                        throw new CommandLine.ExecutionException(last, e.getMessage(), e);
                    }
                    return new CommandLine.RunLast().execute(parseResult);
                });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String message(Exception ex) {
        if (ex instanceof GanException g) {
            // The library words a fix as settings; the command words it as its flags.
            return g.message(Flags.WORDS);
        }
        String m = ex.getMessage();
        return "internal error: " + ex.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
