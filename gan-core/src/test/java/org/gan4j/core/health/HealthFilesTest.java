package org.gan4j.core.health;

import org.gan4j.core.testing.Events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.StepDiagnostics;
import org.gan4j.api.train.StepEvent;
import org.gan4j.api.train.TrainingStart;
import org.gan4j.core.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** health.csv and diagnosis.jsonl: their exact format, and what a resumed run keeps. */
class HealthFilesTest {

    private static TrainingStart start(Path dir, long startStep) {
        return Events.start(TrainConfig.builder().build(), new ModelSpec(2, new Shape(2), 0), dir, 100, 1, 100,
                startStep);
    }

    private static StepEvent step(long step, StepDiagnostics d) {
        return Events.step(step, 100, 1, 1.375, 0.6875, d);
    }

    @Test
    void healthCsvHasARowForEachMeasuredStepAndAResumeKeepsThoseUpToItsStep(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), false);
        HealthCsvWriter w = new HealthCsvWriter(run);
        w.onStart(start(run.root(), 0));
        StepDiagnostics d = Events.diagnostics(0.5, 0.25, 0.125, -0.5, 0, 3.5, Double.NaN);
        w.onStep(step(10, d));
        w.onStep(step(11, null));
        w.onStep(step(20, d));
        w.onStep(step(30, d));
        Path file = run.root().resolve("health.csv");
        assertEquals(List.of(
                "step,epoch,d_loss,g_loss,d_real_accuracy,d_fake_accuracy,real_score,fake_score,g_grad_norm,d_grad_norm",
                "10,1,1.37500,0.687500,0.500000,0.250000,0.125000,-0.500000,3.50000,nan",
                "20,1,1.37500,0.687500,0.500000,0.250000,0.125000,-0.500000,3.50000,nan",
                "30,1,1.37500,0.687500,0.500000,0.250000,0.125000,-0.500000,3.50000,nan"), Files.readAllLines(file));

        HealthCsvWriter resumed = new HealthCsvWriter(run);
        resumed.onStart(start(run.root(), 20));
        resumed.onStep(step(30, Events.diagnostics(1, 1, 0, 0, 0, 1, 1)));
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("step", "10", "20", "30"), lines.stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        assertEquals("30,1,1.37500,0.687500,1.00000,1.00000,0.00000,0.00000,1.00000,1.00000", lines.get(3));
    }

    @Test
    void diagnosisJsonlHasOneObjectALineAndAResumeKeepsThoseUpToItsStep(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), false);
        DiagnosisJsonlWriter w = new DiagnosisJsonlWriter(run);
        w.onStart(start(run.root(), 0));
        Path file = run.root().resolve("diagnosis.jsonl");
        assertEquals("", Files.readString(file), "a run with no diagnosis has an empty file");
        w.onDiagnosis(new Diagnosis(1200, 3, "vanishing-gradients", "Vanishing generator gradients (D too strong)",
                "D wins \"100%\"", List.of(
                        org.gan4j.api.Remedy.of("use the non-saturating loss", org.gan4j.api.SettingChange.to("loss",
                                "non-saturating")),
                        org.gan4j.api.Remedy.of("weaken D: lower {}",
                                org.gan4j.api.SettingChange.of("discriminatorOptimizer.learningRate")))));
        w.onDiagnosis(new Diagnosis(1500, 4, "divergence", "Training is diverging", "NaN", List.of()));
        assertEquals(List.of(
                "{\"step\":1200,\"epoch\":3,\"problem\":\"vanishing-gradients\",\"title\":\"Vanishing generator gradients"
                        + " (D too strong)\",\"evidence\":\"D wins \\\"100%\\\"\",\"remedies\":["
                        + "{\"text\":\"use the non-saturating loss: loss=non-saturating\",\"action\":\"use the"
                        + " non-saturating loss\",\"settings\":[[{\"setting\":\"loss\",\"value\":\"non-saturating\"}]]},"
                        + "{\"text\":\"weaken D: lower discriminatorOptimizer.learningRate\",\"action\":\"weaken D:"
                        + " lower {}\",\"settings\":[[{\"setting\":\"discriminatorOptimizer.learningRate\"}]]}]}",
                "{\"step\":1500,\"epoch\":4,\"problem\":\"divergence\",\"title\":\"Training is diverging\","
                        + "\"evidence\":\"NaN\",\"remedies\":[]}"), Files.readAllLines(file));

        new DiagnosisJsonlWriter(run).onStart(start(run.root(), 1400));
        List<String> kept = Files.readAllLines(file);
        assertEquals(1, kept.size());
        assertEquals(true, kept.get(0).startsWith("{\"step\":1200,"));
        new DiagnosisJsonlWriter(run).onStart(start(run.root(), 0));
        assertEquals("", Files.readString(file), "a new run in the same folder starts afresh");
    }
}
