package org.gan4j.report;

import java.util.List;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.report.plot.ImageGridWriter;
import org.gan4j.report.plot.ScatterPlotWriter;

/**
 * The listeners that present a run: {@code samples/epoch-NNN.png} each epoch (a scatter plot of
 * 2-D samples over real ones, or a grid of images) and {@code report.html}, rewritten every epoch.
 * Give them to a trainer after the run-file listeners, whose files the report reads.
 */
public final class ReportListeners {

    private ReportListeners() {}

    /**
     * The presentation listeners, in the order they must run (the pictures before the report that
     * shows them).
     *
     * @param run the run directory
     * @return new listeners for one run
     */
    public static List<TrainingListener> of(RunDirectory run) {
        return List.of(new ScatterPlotWriter(run), new ImageGridWriter(run), new ReportWriter(run));
    }
}
