package org.gan4j.report.plot;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.core.run.RunDirectory;

/**
 * Writes {@code samples/epoch-NNN.png} for image data: a grid of samples generated from noise
 * fixed for the whole run, so that epochs can be compared cell by cell. Conditional models get
 * one row per class (row k shows class k); unconditional ones an 8 x 8 grid.
 */
public final class ImageGridWriter implements TrainingListener {

    /** Columns of the grid. */
    static final int COLUMNS = 8;

    private final RunDirectory run;
    private ModelSpec spec;

    /**
     * Creates the writer.
     *
     * @param run the run directory
     */
    @Inject
    public ImageGridWriter(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void onStart(TrainingStart start) {
        spec = start.spec();
    }

    @Override
    public void onEpoch(EpochEvent epoch) {
        if (spec == null || spec.sampleShape().dimension() != 3) {
            return; // vector data is drawn by ScatterPlotWriter
        }
        try {
            ImageGrids.writePng(
                    run.samplesDir().resolve(String.format(Locale.ROOT, "epoch-%03d.png", epoch.epoch())),
                    epoch.samples().generated(),
                    epoch.samples().labels(),
                    spec.numClasses(),
                    spec.sampleShape().getShape(),
                    COLUMNS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sample grid in " + run.samplesDir(), e);
        }
    }
}
