package org.gan4j.core.metrics;

import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.core.run.RunDirectory;

/**
 * Writes {@code metrics.csv}: one row an epoch with each update's mean loss ({@code d_loss},
 * {@code g_loss} for the adversarial game), the evaluation metrics, the
 * elapsed seconds and the process's resident memory in MiB (which shows a native-memory leak as
 * steady growth). Each row is flushed as it is written, so the file is readable while the
 * run goes on and complete up to the last finished epoch if it stops.
 */
public final class MetricsCsvWriter implements TrainingListener {

    private final RunDirectory run;
    private List<String> updates = List.of("d", "g");
    private List<String> metricNames;
    private long startNanos;

    /**
     * Creates the writer.
     *
     * @param run the run directory
     */
    @Inject
    public MetricsCsvWriter(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void onStart(TrainingStart start) {
        startNanos = System.nanoTime();
        updates = start.game().updateNames();
        metricNames = null;
        if (start.startStep() > 0 && Files.isRegularFile(run.metricsFile())) {
            keepRowsUpTo(start.startStep());
        }
    }

    /**
     * A resumed run keeps the rows of the epochs its checkpoint had finished, drops those a crash
     * left after it (they will be trained again), and appends under the same header.
     */
    private void keepRowsUpTo(long step) {
        try {
            List<String> lines = Files.readAllLines(run.metricsFile());
            if (lines.isEmpty()) {
                return;
            }
            List<String> header = List.of(lines.get(0).split(","));
            int stepColumn = header.indexOf("step");
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                if (stepColumn >= 0 && cells.length > stepColumn && Long.parseLong(cells[stepColumn]) <= step) {
                    kept.add(line);
                }
            }
            org.gan4j.core.io.AtomicFiles.writeString(run.metricsFile(), String.join("\n", kept) + "\n");
            metricNames = new ArrayList<>(header.subList(2 + updates.size(), header.size() - 2));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot read " + run.metricsFile() + " to resume it",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public void onEpoch(EpochEvent epoch) {
        List<String> cells = new ArrayList<>();
        boolean header = metricNames == null;
        if (header) {
            metricNames = new ArrayList<>(epoch.metrics().keySet());
        }
        cells.add(Integer.toString(epoch.epoch()));
        cells.add(Long.toString(epoch.step()));
        for (String u : updates) {
            cells.add(format(epoch.meanLoss(u)));
        }
        for (String name : metricNames) {
            cells.add(format(epoch.metrics().getOrDefault(name, Double.NaN)));
        }
        cells.add(String.format(Locale.ROOT, "%.2f", (System.nanoTime() - startNanos) / 1e9));
        long rss = ProcessMemory.residentBytes();
        cells.add(rss < 0 ? "" : String.format(Locale.ROOT, "%.1f", rss / 1048576.0));
        try (BufferedWriter out =
                Files.newBufferedWriter(
                        run.metricsFile(),
                        header ? StandardOpenOption.CREATE : StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE,
                        header ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
            if (header) {
                List<String> names = new ArrayList<>(List.of("epoch", "step"));
                updates.forEach(u -> names.add(u.replace('-', '_') + "_loss"));
                names.addAll(metricNames);
                names.add("seconds");
                names.add("rss_mib");
                out.write(String.join(",", names));
                out.newLine();
            }
            out.write(String.join(",", cells));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.metricsFile(), e);
        }
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.6g", v);
    }
}
