package org.gan4j.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gan4j.api.GanException;
import org.gan4j.core.train.TrainLog;
import org.slf4j.LoggerFactory;

/**
 * A run's {@code train.log} while {@code gan train} trains it: Logback appends gan4j's own events
 * (the run's lifecycle from {@link TrainLog}, the command's warnings and the error that stopped
 * training, INFO and above) and every library's warnings (WARN and above, DJL's among them) to the
 * file, beside the console, which stays as quiet as {@code logback.xml} makes it.
 *
 * <p>The appender is added when the run directory is known and removed by {@link #close()}: one
 * process trains one run, and tests that train several in one JVM get one file each.
 */
final class RunLogFile implements AutoCloseable {

    /** The file's name in the run directory. */
    static final String FILE = "train.log";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TrainLog.LOGGER);

    private final Runnable detach;
    private final Thread interrupted;

    private RunLogFile(Runnable detach) {
        this.detach = detach;
        // Ctrl-C or a kill ends the JVM without an exception; without this line the file would
        // just stop, as if the process had been killed with SIGKILL (which nothing can log).
        this.interrupted = new Thread(() -> {
            LOG.error("stopped: the process was interrupted (SIGINT or SIGTERM);"
                    + " 'gan train --resume' continues from the newest checkpoint");
            detach.run();
        }, "train.log at exit");
        Runtime.getRuntime().addShutdownHook(interrupted);
    }

    /**
     * Starts copying log events into the run's {@code train.log}.
     *
     * @param runDir the run directory
     * @param append true to continue the file (a resumed run), false to start it afresh
     * @return the open log; a no-op when SLF4J is bound to something other than Logback (gan-cli
     *     embedded in another application), which then decides where the events go
     * @throws GanException if the file cannot be opened
     */
    static RunLogFile open(Path runDir, boolean append) {
        // Compared by name: with another binding, the Logback classes may be absent.
        if (!LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return new RunLogFile(() -> {});
        }
        return new RunLogFile(Logback.attach(runDir.resolve(FILE), append));
    }

    /**
     * Records a warning that the command also prints on standard error.
     *
     * @param warning the warning, without the "gan train: warning: " prefix
     */
    static void warning(String warning) {
        LOG.warn(warning);
    }

    /**
     * Records the error that stopped the command. gan4j's own errors are one line, as on the
     * console; anything else is a bug, and the file gets its stack trace.
     *
     * @param e the error
     */
    void failed(Throwable e) {
        if (e instanceof GanException) {
            LOG.error("stopped: {}", ((GanException) e).message(Flags.WORDS));
        } else {
            LOG.error("stopped by an internal error", e);
        }
    }

    /** Stops copying events into the file, and closes it. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        } catch (IllegalStateException e) {
            return; // the JVM is shutting down: the hook logs the interruption and closes the file
        }
        detach.run();
    }

    /** The Logback half, loaded only when Logback is the binding. */
    private static final class Logback {

        private Logback() {}

        static Runnable attach(Path file, boolean append) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{30} - %msg%n");
            encoder.setCharset(StandardCharsets.UTF_8);
            encoder.start();
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(context);
            appender.setName(FILE + " " + file);
            appender.setFile(file.toString());
            appender.setAppend(append);
            appender.setEncoder(encoder);
            appender.start();
            if (!appender.isStarted()) {
                throw new GanException("cannot write " + file + "; check the run directory's permissions and free space");
            }
            // Libraries log through the root (WARN and above); gan4j's loggers do not add to the
            // root (logback.xml), so that the console does not get their INFO: both need the file.
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            Logger gan4j = context.getLogger("org.gan4j");
            root.addAppender(appender);
            gan4j.addAppender(appender);
            return () -> {
                root.detachAppender(appender);
                gan4j.detachAppender(appender);
                appender.stop();
            };
        }
    }
}
