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
import java.util.LinkedHashSet;
import java.util.Set;
import org.gan4j.api.game.AdversarialPair;
import org.gan4j.api.game.DiscriminatorFigures;
import org.gan4j.api.game.GameInfo;
import org.gan4j.api.train.DivergenceEvent;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.core.io.AtomicFiles;
import org.gan4j.core.run.RunDirectory;

/**
 * Writes {@code health.csv}: one row for every step the trainer measured, with each update's loss,
 * each generator/discriminator pair's discriminator accuracy on real and fake and mean scores, and
 * each update's gradient norm. For the adversarial game the header is {@value #HEADER}. Rows are
 * appended and flushed as they come, so the file is readable while the run goes on. A resumed run
 * keeps the rows up to its checkpoint's step; after a rollback, the rows from the checkpoint's step
 * on are replaced as training redoes them.
 */
public final class HealthCsvWriter implements TrainingListener {

    /** The file's name in the run directory. */
    public static final String FILE = "health.csv";

    /** The adversarial game's header, the contract with readers such as the report. */
    public static final String HEADER = "step,epoch,d_loss,g_loss,d_real_accuracy,d_fake_accuracy,real_score,"
            + "fake_score,g_grad_norm,d_grad_norm";

    private final Path file;
    private List<Column> columns = List.of();
    private String header = HEADER;

    /**
     * Creates the writer.
     *
     * @param run the run directory
     */
    @Inject
    public HealthCsvWriter(RunDirectory run) {
        this.file = run.root().resolve(FILE);
    }

    /** One column: its name and how a measured step gives its value. */
    private record Column(String name, java.util.function.BiFunction<StepEvent, StepDiagnostics, Double> value) {}

    /**
     * The columns for a game: each update's loss; each pair's discriminator figures (unprefixed
     * scores when the game has one pair, as gan4j has always written them); the gradient norms,
     * each pair's generator update first.
     */
    static List<Column> columns(GameInfo game) {
        List<Column> c = new ArrayList<>();
        c.add(new Column("step", (e, d) -> (double) e.step()));
        c.add(new Column("epoch", (e, d) -> (double) e.epoch()));
        for (String u : game.updateNames()) {
            c.add(new Column(column(u) + "_loss", (e, d) -> e.loss(u)));
        }
        boolean single = game.pairs().size() == 1;
        for (AdversarialPair p : game.pairs()) {
            String accuracy = single ? column(p.discriminatorUpdate()) : column(p.name());
            String scores = single ? "" : column(p.name()) + "_";
            c.add(new Column(accuracy + "_real_accuracy", (e, d) -> figure(d, p, DiscriminatorFigures::realAccuracy)));
            c.add(new Column(accuracy + "_fake_accuracy", (e, d) -> figure(d, p, DiscriminatorFigures::fakeAccuracy)));
            c.add(new Column(scores + "real_score", (e, d) -> figure(d, p, DiscriminatorFigures::realScore)));
            c.add(new Column(scores + "fake_score", (e, d) -> figure(d, p, DiscriminatorFigures::fakeScore)));
        }
        Set<String> norms = new LinkedHashSet<>();
        for (AdversarialPair p : game.pairs()) {
            norms.add(p.generatorUpdate());
            norms.add(p.discriminatorUpdate());
        }
        norms.addAll(game.updateNames());
        for (String u : norms) {
            c.add(new Column(column(u) + "_grad_norm", (e, d) -> d.gradientNorm(u)));
        }
        return c;
    }

    private static double figure(StepDiagnostics d, AdversarialPair p,
            java.util.function.ToDoubleFunction<DiscriminatorFigures> f) {
        DiscriminatorFigures figures = d.figures().get(p.name());
        return figures == null ? Double.NaN : f.applyAsDouble(figures);
    }

    /** A name as a column name: hyphens become underscores. */
    static String column(String name) {
        return name.replace('-', '_');
    }

    @Override
    public void onStart(TrainingStart start) {
        columns = columns(start.game());
        header = String.join(",", columns.stream().map(Column::name).toList());
        if (start.startStep() > 0 && Files.isRegularFile(file)) {
            keepRowsUpTo(start.startStep());
        } else {
            try {
                AtomicFiles.writeString(file, header + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    /** Keeps the header and the rows of steps up to {@code step}. */
    private void keepRowsUpTo(long step) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> kept = new ArrayList<>(List.of(header));
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
    public void onDivergence(DivergenceEvent e) {
        if (e.rolledBack()) {
            // Training goes back to the checkpoint: its rows from there on are redone.
            keepRowsUpTo(e.rollbackStep());
        }
    }

    @Override
    public void onStep(StepEvent e) {
        StepDiagnostics d = e.diagnostics();
        if (d == null) {
            return;
        }
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(e.step()));
        cells.add(Integer.toString(e.epoch()));
        for (Column c : columns.subList(2, columns.size())) {
            cells.add(format(c.value().apply(e, d)));
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(String.join(",", cells));
            out.newLine();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.6g", v);
    }
}
