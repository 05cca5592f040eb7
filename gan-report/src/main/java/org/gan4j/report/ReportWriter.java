package org.gan4j.report;

import jakarta.inject.Inject;
import java.util.Locale;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.train.TrainLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the run's {@code report.html} after every epoch and at the end of training, so the
 * page in the run directory always shows the run so far. It is registered after the listeners
 * that write {@code metrics.csv} and the sample grids, so each epoch's page includes that epoch.
 *
 * <p>The report is a view of the run, not part of it: a failure to write it is logged as a
 * warning on {@value TrainLog#LOGGER} and training goes on.
 */
public final class ReportWriter implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(TrainLog.LOGGER);

    private final RunDirectory run;
    private boolean failing;

    /**
     * Creates the writer.
     *
     * @param run the run directory
     */
    @Inject
    public ReportWriter(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void onEpoch(EpochEvent epoch) {
        write("epoch " + epoch.epoch());
    }

    @Override
    public void onEnd(TrainingSummary summary) {
        write("the end of training");
    }

    private void write(String when) {
        long start = System.nanoTime();
        try {
            RunReport.write(run.root());
            failing = false;
            LOG.debug(String.format(Locale.ROOT, "report.html written after %s in %.0f ms", when,
                    (System.nanoTime() - start) / 1e6));
        } catch (Exception | LinkageError e) {
            // LinkageError too: a JVM without AWT's native libraries fails to draw charts that way.
            // Warned once until a write succeeds again, not every epoch of a long run.
            if (!failing) {
                LOG.warn("cannot write {} after {}; training goes on without it: {}",
                        run.root().resolve(RunReport.FILE_NAME), when, e.toString());
            } else {
                LOG.debug("cannot write {} after {}: {}", run.root().resolve(RunReport.FILE_NAME), when, e.toString());
            }
            failing = true;
        }
    }
}
