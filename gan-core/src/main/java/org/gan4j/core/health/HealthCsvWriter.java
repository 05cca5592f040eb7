package org.gan4j.core.health;

import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.core.io.AtomicFiles;
import org.gan4j.core.run.RunDirectory;

/**
 * Writes {@code health.csv}: one row for every step the trainer measured, with the losses, the
 * discriminator's accuracy on real and fake, the mean scores and both gradient norms. Rows are
 * appended and flushed as they come, so the file is readable while the run goes on. A resumed run
 * keeps the rows up to its checkpoint's step; a step that comes again (after a rollback) replaces
 * the rows from it on.
 */
public final class HealthCsvWriter implements TrainingListener {

    /** The file's name in the run directory. */
    public static final String FILE = "health.csv";

    /** The header, the contract with readers such as the report. */
    public static final String HEADER = "step,epoch,d_loss,g_loss,d_real_accuracy,d_fake_accuracy,real_score,"
            + "fake_score,g_grad_norm,d_grad_norm";

    private final Path file;
    private long lastStep;

    /**
     * Creates the writer.
     *
     * @param run the run directory
     */
    @Inject
    public HealthCsvWriter(RunDirectory run) {
        this.file = run.root().resolve(FILE);
    }

    @Override
    public void onStart(TrainingStart start) {
        if (start.startStep() > 0 && Files.isRegularFile(file)) {
            keepRowsUpTo(start.startStep());
        } else {
            try {
                AtomicFiles.writeString(file, HEADER + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        lastStep = start.startStep();
    }

    /** Keeps the header and the rows of steps up to {@code step}. */
    private void keepRowsUpTo(long step) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> kept = new ArrayList<>(List.of(HEADER));
            for (String line : lines.isEmpty() ? List.<String>of() : lines.subList(1, lines.size())) {
                int comma = line.indexOf(',');
                if (comma > 0 && Long.parseLong(line.substring(0, comma)) <= step) {
                    kept.add(line);
                }
            }
            AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot read " + file + " to resume it",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public void onStep(StepEvent e) {
        StepDiagnostics d = e.diagnostics();
        if (d == null) {
            return;
        }
        if (e.step() <= lastStep) {
            // Training went back (a rollback to a checkpoint): its rows from here on are redone.
            keepRowsUpTo(e.step() - 1);
        }
        lastStep = e.step();
        String row = String.join(",", Long.toString(e.step()), Integer.toString(e.epoch()),
                format(e.discriminatorLoss()), format(e.generatorLoss()), format(d.realAccuracy()),
                format(d.fakeAccuracy()), format(d.realScore()), format(d.fakeScore()),
                format(d.generatorGradientNorm()), format(d.discriminatorGradientNorm()));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(row);
            out.newLine();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.6g", v);
    }
}
