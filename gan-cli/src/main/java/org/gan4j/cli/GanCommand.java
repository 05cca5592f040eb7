package org.gan4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code gan} command; it only groups the subcommands. */
@Command(
        name = "gan",
        mixinStandardHelpOptions = true,
        version = "gan4j 0.1.0-SNAPSHOT",
        description = "Train generative adversarial networks and sample from them.",
        subcommands = {TrainCommand.class, PluginsCommand.class, SampleCommand.class, ExportCommand.class},
        footer = {
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
