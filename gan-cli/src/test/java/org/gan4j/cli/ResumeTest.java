package org.gan4j.cli;

import static org.gan4j.cli.CliTest.failsWith;
import static org.gan4j.cli.CliTest.gan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gan4j.cli.CliTest.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and {@code --resume}: a training JVM killed with SIGKILL, mid-run and in the middle
 * of writing a checkpoint, resumes and ends with weights byte-identical to an uninterrupted run's.
 */
class ResumeTest {

    /** A small run: 400 steps of a 32-wide MLP GAN, a checkpoint every 50 steps. */
    private static final List<String> RUN = List.of(
            "train", "--steps", "400", "--checkpoint-every", "50", "--batch-size", "64",
            "--dataset-opt", "samples=6400", "--model-opt", "g-hidden=32", "--model-opt", "d-hidden=32", "--quiet");

    @TempDir static Path tmp;
    static Path reference;

    @BeforeAll
    static void trainUninterrupted() {
        reference = tmp.resolve("reference");
        Result r = gan(args(RUN, "--out", reference.toString()));
        assertEquals(0, r.code(), r.err());
    }

    private static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void assertSameFinalWeights(Path run) throws IOException {
        for (String net : new String[] {"generator.params", "discriminator.params"}) {
            assertArrayEquals(
                    Files.readAllBytes(reference.resolve("checkpoints/final").resolve(net)),
                    Files.readAllBytes(run.resolve("checkpoints/final").resolve(net)),
                    net + " differs from the uninterrupted run's");
        }
    }

    /** Starts the training in a child JVM whose checkpoint writes pause after each file. */
    private static Process startChild(Path out) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Dgan4j.checkpoint.pauseMillis=150", "-Doffline=true",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error", "-DOPT_OUT_TRACKING=true",
                "-cp", System.getProperty("java.class.path"), "org.gan4j.cli.Main"));
        command.addAll(RUN);
        command.addAll(List.of("--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("DJL_OFFLINE", "true");
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
        return pb.start();
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunKilledWhileWritingACheckpointResumesToTheSameWeights() throws Exception {
        Path run = tmp.resolve("killed");
        Process child = startChild(run);
        Path checkpoints = run.resolve("checkpoints");
        // Wait until a checkpoint after step 100 is half written, then SIGKILL.
        boolean midWrite = false;
        for (int i = 0; i < 3000 && child.isAlive(); i++) {
            if (Files.isDirectory(checkpoints) && Files.isDirectory(checkpoints.resolve("step-0000000100"))) {
                // One listing: a second one could miss a write that finished in between.
                Optional<String> writing = entries(checkpoints).stream()
                        .filter(n -> n.startsWith(".writing-")).findFirst();
                if (writing.isPresent() && Files.exists(checkpoints.resolve(writing.get()).resolve("discriminator.params"))) {
                    midWrite = true;
                    break;
                }
            }
            Thread.sleep(10);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(midWrite, "the child was killed in the middle of a checkpoint write");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertFalse(Files.exists(run.resolve("checkpoints/final")), "the run had not finished");
        List<String> before = entries(checkpoints);
        assertTrue(before.stream().anyMatch(n -> n.startsWith(".writing-")), before.toString());

        Result r = gan("train", "--resume", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming from " + checkpoints), r.out());
        assertSameFinalWeights(run);
        List<String> after = entries(checkpoints);
        assertEquals(List.of("best", "final", "step-0000000300", "step-0000000350", "step-0000000400"), after,
                "the newest 3 checkpoints are kept; the half-written one is gone");
        // metrics.csv has one row an epoch, as the uninterrupted run's.
        assertEquals(5, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    @Test
    void aTruncatedCheckpointIsSkippedForTheOneBefore() throws Exception {
        Path run = tmp.resolve("truncated");
        Result first = gan(args(RUN, "--out", run.toString()));
        assertEquals(0, first.code(), first.err());
        // Pretend the run stopped at step 350, then damage that checkpoint.
        deleteRecursively(run.resolve("checkpoints/final"));
        deleteRecursively(run.resolve("checkpoints/step-0000000400"));
        Path damaged = run.resolve("checkpoints/step-0000000350/generator.params");
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        String size = "" + Files.size(damaged);
        Result r = gan("train", "--resume", run.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("gan train: warning: checkpoint " + run.resolve("checkpoints/step-0000000350")
                + " is damaged: generator.params has " + size + " bytes, ", r.err().lines().findFirst().orElseThrow()
                .substring(0, ("gan train: warning: checkpoint " + run.resolve("checkpoints/step-0000000350")
                        + " is damaged: generator.params has " + size + " bytes, ").length()));
        assertTrue(r.out().contains("resuming from " + run.resolve("checkpoints/step-0000000300") + " at step 300"), r.out());
        assertSameFinalWeights(run);
    }

    @Test
    void aFullDiskDuringACheckpointFailsInOneLineAndKeepsThePreviousOne() throws Exception {
        Path run = tmp.resolve("full-disk");
        // A checkpoint is 6 files: step 100's is written whole, then the disk "fills" two files into step 200's.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dgan4j.checkpoint.failAfterFiles=8", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-cp", System.getProperty("java.class.path"), "org.gan4j.cli.Main"));
        command.addAll(RUN);
        command.set(command.indexOf("--checkpoint-every") + 1, "100");
        command.addAll(List.of("--out", run.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("DJL_OFFLINE", "true");
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err);
        assertEquals("gan train: cannot write checkpoint " + run.resolve("checkpoints/step-0000000200")
                + ": No space left on device (simulated); the previous checkpoint "
                + run.resolve("checkpoints/step-0000000100") + " is intact; free disk space or fix the"
                + " folder's permissions, then 'gan train --resume " + run + "'", err);
        assertEquals(List.of("best", "step-0000000100"), entries(run.resolve("checkpoints")),
                "nothing half-written is left");
        // And the run resumes from it to the uninterrupted run's weights.
        Result r = gan("train", "--resume", run.toString(), "--checkpoint-every", "50", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertSameFinalWeights(run);
    }

    /** checkpoints/best holds the epoch with the most modes (then the most high-quality samples). */
    @Test
    void theBestCheckpointIsTheEpochWithTheBestMainMetric() throws Exception {
        List<String> rows = Files.readAllLines(reference.resolve("metrics.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int step = header.indexOf("step");
        int modes = header.indexOf("modes");
        int hq = header.indexOf("high_quality_pct");
        String best = null;
        double bestScore = -1;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            double score = Double.parseDouble(c[modes]) + Double.parseDouble(c[hq]) / 1000;
            if (score > bestScore) {
                bestScore = score;
                best = c[step];
            }
        }
        String json = Files.readString(reference.resolve("checkpoints/best/best.json"));
        assertTrue(json.contains("\"step\" : " + best + ","), best + " vs " + json);
        assertTrue(json.contains("\"metric\" : \"modes\""), json);
        String state = Files.readString(reference.resolve("checkpoints/best/state.json"));
        assertTrue(state.contains("\"step\" : " + best + ","), state);
        assertTrue(Files.isRegularFile(reference.resolve("checkpoints/best/generator.params")));
    }

    @Test
    void badResumeRequestsFailInOneLine() throws Exception {
        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        assertEquals("gan train: --resume " + notARun + " is not a gan4j run (no config.json and run.json); give the"
                        + " --out of an earlier `gan train`",
                failsWith(2, gan("train", "--resume", notARun.toString())));
        assertEquals("gan train: --resume " + reference + " is a run of model 'mlp', not 'dcgan'; a run continues"
                        + " with the architecture it was trained with",
                failsWith(2, gan("train", "--resume", reference.toString(), "--model", "dcgan")));
        assertEquals("gan train: --resume continues " + reference + " with its own config.json; drop"
                        + " learning-rate flags (only --epochs, --steps, --checkpoint-every, --keep-checkpoints,"
                        + " --on-divergence and --quiet may be given)",
                failsWith(2, gan("train", "--resume", reference.toString(), "--lr", "1e-3")));
        assertEquals("gan train: run " + reference + " has already trained 400 of its 400 steps; to train longer,"
                        + " resume with a larger --epochs or --steps",
                failsWith(2, gan("train", "--resume", reference.toString())));
        Path noCheckpoint = tmp.resolve("no-checkpoint");
        Files.createDirectories(noCheckpoint);
        Files.copy(reference.resolve("config.json"), noCheckpoint.resolve("config.json"));
        Files.copy(reference.resolve("run.json"), noCheckpoint.resolve("run.json"));
        assertEquals("gan train: --resume " + noCheckpoint + " has no whole checkpoint to continue from; it stopped"
                        + " before its first one; train it again with --out " + noCheckpoint + " --force",
                failsWith(1, gan("train", "--resume", noCheckpoint.toString())));
    }

    @Test
    void aFinishedRunTrainsLongerWhenAskedTo() throws Exception {
        Path run = tmp.resolve("longer");
        Result first = gan(args(List.of("train", "--steps", "200", "--checkpoint-every", "50", "--batch-size", "64",
                "--dataset-opt", "samples=6400", "--model-opt", "g-hidden=32", "--model-opt", "d-hidden=32", "--quiet"),
                "--out", run.toString(), "--lr-schedule", "constant"));
        assertEquals(0, first.code(), first.err());
        Result more = gan("train", "--resume", run.toString(), "--steps", "300");
        assertEquals(0, more.code(), more.err());
        assertTrue(more.out().contains("at step 200 of 300"), more.out());
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"steps\" : 300"));
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-0000000300")));
    }

    @Test
    void theGeneratorsMovingAverageResumesExactlyAndIsWhatSamplesComeFrom() throws Exception {
        Path full = tmp.resolve("ema-full");
        Path cut = tmp.resolve("ema-cut");
        for (Path out : new Path[] {full, cut}) {
            Result r = gan(args(RUN, "--ema", "0.99", "--out", out.toString()));
            assertEquals(0, r.code(), r.err());
        }
        // Interrupt the second after step 250: drop what came later, resume.
        deleteRecursively(cut.resolve("checkpoints/final"));
        deleteRecursively(cut.resolve("checkpoints/step-0000000400"));
        deleteRecursively(cut.resolve("checkpoints/step-0000000350"));
        Result r = gan("train", "--resume", cut.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String file : new String[] {"generator.params", "generator-ema.params", "discriminator.params"}) {
            assertArrayEquals(Files.readAllBytes(full.resolve("checkpoints/final").resolve(file)),
                    Files.readAllBytes(cut.resolve("checkpoints/final").resolve(file)), file);
        }
        // The average differs from the last iterate, and gan sample draws from the average.
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(full.resolve("checkpoints/final/generator.params")),
                Files.readAllBytes(full.resolve("checkpoints/final/generator-ema.params"))));
        Path fromRun = tmp.resolve("ema.npy");
        assertEquals(0, gan("sample", "--run", full.toString(), "--n", "4", "--out", fromRun.toString()).code());
        Path fromOnnx = tmp.resolve("ema-onnx.npy");
        assertEquals(0, gan("sample", "--onnx", full.resolve("generator.onnx").toString(), "--n", "4",
                "--out", fromOnnx.toString()).code());
        float[] a = org.gan4j.core.io.NpyFiles.read(fromRun).values();
        float[] b = org.gan4j.core.io.NpyFiles.read(fromOnnx).values();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4, "the export is the average too");
        }
        Path plain = tmp.resolve("plain.npy");
        assertEquals(0, gan("sample", "--run", reference.toString(), "--n", "4", "--out", plain.toString()).code());
        float[] c = org.gan4j.core.io.NpyFiles.read(plain).values();
        assertFalse(java.util.Arrays.equals(a, c), "the averaged generator samples differently from the last iterate");
    }

    private static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
