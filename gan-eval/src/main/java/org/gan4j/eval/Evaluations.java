package org.gan4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.GanException;
import org.gan4j.core.io.AtomicFiles;

/**
 * The run directory's evaluation files: {@value #LOG}, one JSON object a line for each
 * evaluation (in training or by {@code gan eval}), and {@value #LATEST}, the latest {@code gan
 * eval}'s object, pretty-printed. An object reads:
 *
 * <pre>{"time":"2026-11-24T19:00:00Z","source":"gan eval","step":2340,"epoch":5,"features":"...",
 * "reference":"fashion-mnist split=test","referenceSamples":10000,"samples":2500,
 * "metrics":{"fcd":12.3,"kid":0.0123,"kid_std":0.0011,...}}</pre>
 *
 * Only finite metrics are written. Both files are replaced atomically.
 */
public final class Evaluations {

    /** The log of every evaluation. */
    public static final String LOG = "evaluations.jsonl";
    /** The latest {@code gan eval}. */
    public static final String LATEST = "eval.json";
    /** The source of evaluations made while training. */
    public static final String TRAINING = "training";
    /** The source of {@code gan eval}'s. */
    public static final String GAN_EVAL = "gan eval";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Evaluations() {}

    /**
     * The JSON object of an evaluation, field by field in the documented order.
     *
     * @param result the evaluation
     * @param source {@value #TRAINING} or {@value #GAN_EVAL}
     * @param step the generator's step
     * @param epoch its epoch
     * @param time when it was made
     * @return the object as a map
     */
    public static Map<String, Object> object(
            QualityEvaluation.Result result, String source, long step, int epoch, Instant time) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        o.put("source", source);
        o.put("step", step);
        o.put("epoch", epoch);
        o.put("features", result.features());
        o.put("reference", result.reference());
        o.put("referenceSamples", result.referenceSamples());
        o.put("samples", result.samples());
        Map<String, Double> metrics = new LinkedHashMap<>();
        result.metrics().forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                metrics.put(k, v);
            }
        });
        o.put("metrics", metrics);
        return o;
    }

    /**
     * Appends an evaluation to the run's {@value #LOG}.
     *
     * @param runDir the run directory
     * @param object the evaluation's object
     */
    public static void append(Path runDir, Map<String, Object> object) {
        Path file = runDir.resolve(LOG);
        try {
            String before = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!before.isEmpty() && !before.endsWith("\n")) {
                before += "\n";
            }
            AtomicFiles.writeString(file, before + MAPPER.writeValueAsString(object) + "\n");
        } catch (IOException e) {
            throw new GanException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@value #LATEST}.
     *
     * @param runDir the run directory
     * @param object the evaluation's object
     */
    public static void writeLatest(Path runDir, Map<String, Object> object) {
        Path file = runDir.resolve(LATEST);
        try {
            AtomicFiles.writeString(
                    file, MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(object) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        } catch (IOException e) {
            throw new GanException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
