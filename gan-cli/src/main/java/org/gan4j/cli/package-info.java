/**
 * The {@code gan} command (internal: its interface is the command line): one picocli class per
 * subcommand, the console's progress bar, the run's train.log, and the mapping of flags onto the
 * library's settings. Errors end in one line and an exit code, mapped in {@link org.gan4j.cli.Main}.
 */
package org.gan4j.cli;
