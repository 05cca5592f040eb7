package org.gan4j.report.plot;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.eval.MetricNames;
import org.gan4j.core.run.RunDirectory;

/**
 * Writes {@code samples/epoch-NNN.png} for 2-D data: generated points (from noise fixed for the
 * run) over real ones, on axes fixed by the real data so epochs can be compared.
 */
public final class ScatterPlotWriter implements TrainingListener {

    private final RunDirectory run;

    /**
     * Creates the writer.
     *
     * @param run the run directory
     */
    @Inject
    public ScatterPlotWriter(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void onEpoch(EpochEvent epoch) {
        float[][] generated = epoch.samples().generated();
        if (generated.length == 0 || generated[0].length != 2) {
            return; // only 2-D samples are drawn as scatter plots
        }
        float[][] real = epoch.samples().real();
        String title = String.format(Locale.ROOT, "epoch %d, step %d", epoch.epoch(), epoch.step());
        Double modes = epoch.metrics().get(MetricNames.MODES);
        Double hq = epoch.metrics().get(MetricNames.HIGH_QUALITY);
        if (modes != null && hq != null) {
            title += String.format(Locale.ROOT, ": %.0f modes, %.1f%% high quality", modes, hq);
        }
        double extent = ScatterPlots.extentOf(real != null ? real : generated);
        try {
            ScatterPlots.write(
                    run.samplesDir().resolve(String.format(Locale.ROOT, "epoch-%03d.png", epoch.epoch())),
                    title, generated, real, extent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sample plot in " + run.samplesDir(), e);
        }
    }
}
