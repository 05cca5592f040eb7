package org.gan4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.DefaultProgressBarRenderer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.train.RunText;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Progress for people. On a terminal: what the run is, then a progress bar (step of total, steps
 * a second, elapsed and remaining time, the latest losses) with each epoch's line, each message
 * and each diagnosis of the health monitor printed above it, and the final figures. Elsewhere (a pipe, a file): plain lines, one an epoch
 * and a step line when an epoch takes longer than a few seconds. Quiet mode prints only the final
 * figures. {@link #close()} takes the bar down when training stops with an error.
 */
public final class ConsoleProgress implements TrainingListener, AutoCloseable {

    private static final long STEP_LINE_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean quiet;
    private final boolean terminal;
    private final IntSupplier width;
    private long startNanos;
    private long lastLineNanos;
    private BarLine barLine;
    private ProgressBar bar;

    /**
     * Creates the listener for output that is not a terminal: plain lines.
     *
     * @param out where to print
     * @param quiet print only the final figures
     */
    public ConsoleProgress(PrintWriter out, boolean quiet) {
        this(out, quiet, false);
    }

    /**
     * Creates the listener.
     *
     * @param out where to print
     * @param quiet print only the final figures
     * @param terminal whether {@code out} is a terminal, where a progress bar replaces the step lines
     */
    public ConsoleProgress(PrintWriter out, boolean quiet, boolean terminal) {
        this(out, quiet, terminal, new TerminalWidth());
    }

    /**
     * Creates the listener with a given terminal width, for tests.
     *
     * @param out where to print
     * @param quiet print only the final figures
     * @param terminal whether {@code out} is a terminal
     * @param width the widest a bar may be drawn, in columns
     */
    ConsoleProgress(PrintWriter out, boolean quiet, boolean terminal, IntSupplier width) {
        this.out = out;
        this.quiet = quiet;
        this.terminal = terminal;
        this.width = width;
    }

    @Override
    public void onStart(TrainingStart s) {
        startNanos = System.nanoTime();
        lastLineNanos = startNanos;
        if (quiet) {
            return;
        }
        out.printf(Locale.ROOT, "%s%n  run directory: %s%n", RunText.describe(s), s.runDir());
        out.flush();
        if (terminal) {
            barLine = new BarLine(out, width);
            bar = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setInitialMax(s.totalSteps())
                    // A resumed run's bar starts at its checkpoint, and its rate counts only new steps.
                    .startsFrom(s.startStep(), Duration.ZERO)
                    .setRenderer(new Renderer(
                            Charset.defaultCharset().equals(StandardCharsets.UTF_8)
                                    ? ProgressBarStyle.UNICODE_BLOCK
                                    : ProgressBarStyle.ASCII))
                    .setConsumer(barLine)
                    // Redraw every tick, changed or not: the library notes the step it drew by
                    // reading the count again after drawing, so a step that lands mid-drawing is
                    // marked drawn, and once steps pause (an epoch's evaluation, the last step)
                    // the bar would keep a stale count. Redrawing also keeps the elapsed time moving.
                    .continuousUpdate()
                    .build();
        }
    }


    @Override
    public void onStep(StepEvent e) {
        if (bar != null) {
            bar.stepTo(e.step());
            bar.setExtraMessage("  " + RunText.losses(e.losses()));
            return;
        }
        long now = System.nanoTime();
        if (quiet || now - lastLineNanos < STEP_LINE_NANOS) {
            return;
        }
        lastLineNanos = now;
        double rate = e.step() / ((now - startNanos) / 1e9);
        long etaSeconds = Math.round((e.totalSteps() - e.step()) / rate);
        out.printf(
                Locale.ROOT,
                "  step %d/%d (%d%%)  %s  %.0f steps/s  ETA %d:%02d%n",
                e.step(), e.totalSteps(), 100 * e.step() / e.totalSteps(),
                RunText.losses(e.losses()), rate, etaSeconds / 60, etaSeconds % 60);
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        if (!quiet) {
            line(message);
        }
    }

    @Override
    public void onDiagnosis(Diagnosis d) {
        if (!quiet) {
            line(RunText.diagnosisLines(d, Flags.WORDS));
        }
    }


    @Override
    public void onEpoch(EpochEvent e) {
        if (quiet) {
            return;
        }
        lastLineNanos = System.nanoTime();
        line(RunText.epochLine(e, (lastLineNanos - startNanos) / 1e9));
    }



    /** Prints a line: above the bar while there is one. */
    private void line(String text) {
        if (barLine != null) {
            barLine.printAbove(text);
        } else {
            out.println(text);
            out.flush();
        }
    }

    @Override
    public void onEnd(TrainingSummary s) {
        close();
        out.printf(
                Locale.ROOT,
                "done: %d steps in %.1f s; %s%n  run directory: %s%n",
                s.steps(), s.seconds(), RunText.describe(s.metrics()), s.runDir());
        out.flush();
    }

    /** Draws the bar a last time and ends its line, so that what is printed next starts a line of its own. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            barLine.end();
            bar = null;
            barLine = null;
        }
        if (width instanceof TerminalWidth terminalWidth) {
            terminalWidth.close();
        }
    }


    /**
     * The bar's line on the terminal. The bar is redrawn from the library's own thread while the
     * training thread prints lines, so both write through this object's lock; a line printed
     * "above" the bar clears it, takes its place, and the bar is drawn again below.
     */
    static final class BarLine implements ProgressBarConsumer {
        private final PrintWriter out;
        private final IntSupplier width;
        private String shown = "";
        private boolean ended;

        BarLine(PrintWriter out, IntSupplier width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width.getAsInt();
        }

        @Override
        public synchronized void accept(String rendered) {
            if (ended) {
                return;
            }
            // A shorter rendering (a narrower terminal) must not leave the old one's tail behind.
            String padding = " ".repeat(Math.max(0, shown.length() - rendered.length()));
            shown = rendered;
            out.print("\r" + rendered + padding);
            out.flush();
        }

        synchronized void printAbove(String text) {
            if (ended) {
                out.println(text);
            } else {
                out.print("\r" + " ".repeat(shown.length()) + "\r" + text + System.lineSeparator() + shown);
            }
            out.flush();
        }

        /** Called by the library after the last drawing; {@link #end()} does the work. */
        @Override
        public void close() {
            end();
        }

        /** Ends the bar's line, once: the library skips its own close when a bar ends before its first tick. */
        synchronized void end() {
            if (!ended) {
                ended = true;
                out.println();
                out.flush();
            }
        }
    }

    /**
     * The terminal's width less one column (writing the last column makes some terminals wrap),
     * asked of JLine at each drawing, so that a resized terminal gets a resized bar. The library
     * would open its own JLine terminal, with JLine's default of taking over SIGINT: Ctrl-C would
     * then end the JVM without running its shutdown hooks (the one that notes the interruption in
     * train.log among them). This one leaves the signals alone.
     */
    static final class TerminalWidth implements IntSupplier, AutoCloseable {
        private static final int FALLBACK = 80;
        private Terminal terminal;
        private boolean failed;

        @Override
        public synchronized int getAsInt() {
            if (failed) {
                return FALLBACK - 1;
            }
            try {
                if (terminal == null) {
                    terminal = TerminalBuilder.builder().system(true).dumb(true).nativeSignals(false).build();
                }
                int columns = terminal.getWidth();
                // A dumb terminal (and some IDE consoles) reports 0.
                return (columns >= 10 ? columns : FALLBACK) - 1;
            } catch (IOException | RuntimeException e) {
                // The bar is a convenience: a terminal JLine cannot measure gets the usual 80 columns.
                failed = true;
                return FALLBACK - 1;
            }
        }

        @Override
        public synchronized void close() {
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException e) {
                    // Closing only restores settings that were never changed; nothing is lost.
                }
                terminal = null;
            }
        }
    }

    /**
     * The library's renderer with the rate and the remaining time computed from the exact elapsed
     * time: its own rate divides by whole seconds, so it shows "?" for the first second and twice
     * the true rate at 1.9 s.
     */
    static final class Renderer extends DefaultProgressBarRenderer {
        private static final DecimalFormat RATE =
                new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));

        Renderer(ProgressBarStyle style) {
            super(style, " it", 1, true, RATE, ChronoUnit.SECONDS, true, Renderer::remaining);
        }

        @Override
        protected String speed(ProgressState p) {
            double seconds = p.getElapsedAfterStart().toNanos() / 1e9;
            long done = p.getCurrent() - p.getStart();
            if (seconds <= 0 || done <= 0) {
                return "? it/s";
            }
            synchronized (RATE) {
                return RATE.format(done / seconds) + " it/s";
            }
        }

        private static Optional<Duration> remaining(ProgressState p) {
            long done = p.getCurrent() - p.getStart();
            if (p.getMax() <= 0 || done <= 0) {
                return Optional.empty();
            }
            return Optional.of(p.getElapsedAfterStart().dividedBy(done).multipliedBy(p.getMax() - p.getCurrent()));
        }
    }
}
