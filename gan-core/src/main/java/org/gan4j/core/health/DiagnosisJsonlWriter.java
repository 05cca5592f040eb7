package org.gan4j.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;
import org.gan4j.api.SettingWords;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.TrainingListener;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.core.io.AtomicFiles;
import org.gan4j.core.run.RunDirectory;

/**
 * Appends each diagnosis to {@code diagnosis.jsonl}, one JSON object a line: {@code step},
 * {@code epoch}, {@code problem}, {@code title}, {@code evidence}, {@code remedies}. A new run
 * starts with an empty file (a healthy run keeps it empty); a resumed run keeps the diagnoses up to
 * its checkpoint's step.
 */
public final class DiagnosisJsonlWriter implements TrainingListener {

    /** The file's name in the run directory. */
    public static final String FILE = "diagnosis.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /**
     * Creates the writer.
     *
     * @param run the run directory
     */
    @Inject
    public DiagnosisJsonlWriter(RunDirectory run) {
        this.file = run.root().resolve(FILE);
    }

    @Override
    public void onStart(TrainingStart start) {
        try {
            if (start.startStep() > 0 && Files.isRegularFile(file)) {
                List<String> kept = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank() && JSON.readTree(line).path("step").asLong() <= start.startStep()) {
                        kept.add(line + "\n");
                    }
                }
                AtomicFiles.writeString(file, String.join("", kept));
            } else {
                // An empty file says the monitor ran and found nothing.
                AtomicFiles.writeString(file, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to resume it", e);
        }
    }

    @Override
    public void onDiagnosis(Diagnosis d) {
        try {
            Files.writeString(file, line(d) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * One diagnosis as one line of JSON, its fields in the file's order.
     *
     * @param d the diagnosis
     * @return the line, without a line break
     */
    public static String line(Diagnosis d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("step", d.step());
        o.put("epoch", d.epoch());
        o.put("problem", d.problem());
        o.put("title", d.title());
        o.put("evidence", d.evidence());
        // Each remedy: its action, the settings that apply it (alternatives, each a list of
        // settings changed together) and the two in the library's words.
        com.fasterxml.jackson.databind.node.ArrayNode remedies = o.putArray("remedies");
        for (Remedy r : d.remedies()) {
            ObjectNode remedy = remedies.addObject();
            remedy.put("text", r.text(SettingWords.KEYS));
            remedy.put("action", r.action());
            com.fasterxml.jackson.databind.node.ArrayNode alternatives = remedy.putArray("settings");
            for (List<SettingChange> alternative : r.alternatives()) {
                com.fasterxml.jackson.databind.node.ArrayNode changes = alternatives.addArray();
                for (SettingChange c : alternative) {
                    ObjectNode change = changes.addObject().put("setting", c.setting());
                    if (c.value() != null) {
                        change.put("value", c.value());
                    }
                }
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            // Strings and numbers alone always serialize.
            throw new IllegalStateException(e);
        }
    }
}
