package org.gan4j.core.train;

import java.util.List;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.core.health.DiagnosisJsonlWriter;
import org.gan4j.core.health.HealthCsvWriter;
import org.gan4j.core.metrics.MetricsCsvWriter;
import org.gan4j.core.run.RunDirectory;

/**
 * The listeners that write a run's own files into its directory: {@code metrics.csv}, {@code
 * health.csv}, {@code diagnosis.jsonl}, and the run's events on the SLF4J logger of {@link
 * TrainLog} (which the {@code gan} command appends to {@code train.log}). Every run with a run
 * directory has them; the report and sample pictures come from gan-report.
 */
public final class RunFiles {

    private RunFiles() {}

    /**
     * The run-file listeners, in the order they run.
     *
     * @param run the run directory
     * @return new listeners for one run
     */
    public static List<TrainingListener> listeners(RunDirectory run) {
        return List.of(new MetricsCsvWriter(run), new TrainLog(), new HealthCsvWriter(run), new DiagnosisJsonlWriter(run));
    }
}
