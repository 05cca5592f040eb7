package org.gan4j.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.api.train.TrainingSummary;
import org.gan4j.core.config.ConfigFiles;
import org.gan4j.core.engine.DjlEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's lifecycle as log events at INFO on the SLF4J logger {@value #LOGGER}: the start (what is
 * trained, and the full config as one line of JSON), each epoch's line as the console prints it,
 * each message (resuming, checkpoints, the evaluation classifier's training) and the end; and the
 * health monitor's diagnoses at WARN. Which
 * file the events reach is the application's choice; the {@code gan} command appends them, with
 * its warnings and errors, to the run's {@code train.log}.
 */
public final class TrainLog implements TrainingListener {

    /** The logger every event of a run's lifecycle goes to, from gan-core and from the command line. */
    public static final String LOGGER = "org.gan4j.train";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private long startNanos;

    /** Creates the listener. */
    public TrainLog() {}

    @Override
    public void onStart(TrainingStart s) {
        startNanos = System.nanoTime();
        LOG.info("start: {}{}; run directory {}", RunText.describe(s),
                s.startStep() == 0 ? "" : ", resumed at step " + s.startStep(), s.runDir());
        LOG.info("config: {}", oneLine(s));
        LOG.info("engine: {}", DjlEnvironment.describe());
    }

    private static String oneLine(TrainingStart s) {
        try {
            return ConfigFiles.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(s.config());
        } catch (JsonProcessingException e) {
            // The same mapper writes config.json; a config it cannot write never gets this far.
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onMessage(String message) {
        LOG.info(message.strip());
    }

    /** A diagnosis of the health monitor, at WARN: the problem, its evidence and the remedies, in one event. */
    @Override
    public void onDiagnosis(Diagnosis d) {
        LOG.warn(RunText.diagnosisLines(d));
    }

    @Override
    public void onEpoch(EpochEvent e) {
        LOG.info(RunText.epochLine(e, (System.nanoTime() - startNanos) / 1e9));
    }

    @Override
    public void onEnd(TrainingSummary s) {
        LOG.info(String.format(Locale.ROOT, "done: %d steps in %.1f s; %s",
                s.steps(), s.seconds(), RunText.describe(s.metrics())));
    }
}
