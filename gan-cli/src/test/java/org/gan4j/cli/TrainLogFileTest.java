package org.gan4j.cli;

import static org.gan4j.cli.CliTest.gan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.cli.CliTest.Result;
import org.gan4j.core.train.TrainLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every run directory gets a train.log: the run's start, epochs, messages, warnings, end or error. */
class TrainLogFileTest {

    /** Epochs of 10 steps, a checkpoint each epoch: about a second for 30 steps. */
    private static final List<String> TINY = List.of("train", "--batch-size", "64",
            "--dataset-opt", "samples=640", "--model-opt", "g-hidden=16", "--model-opt", "d-hidden=16");

    @TempDir Path tmp;

    private static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The log's messages, without the time stamp and level in front of each. */
    private static List<String> messages(Path run) throws Exception {
        return Files.readAllLines(run.resolve("train.log")).stream()
                .map(l -> l.substring(l.indexOf(" - ") + 3))
                .toList();
    }

    @Test
    void aRunLogsItsStartConfigEpochsCheckpointsAndEnd() throws Exception {
        Path run = tmp.resolve("run");
        Result r = gan(args(TINY, "--steps", "30", "--out", run.toString()));
        assertEquals(0, r.code(), r.err());
        List<String> log = messages(run);
        assertEquals("start: training mlp on ring with the non-saturating loss: 30 steps (3 epochs of 10), batch 64,"
                + " seed 42; run directory " + run, log.get(0));
        assertTrue(log.get(1).startsWith("config: {\"game\":{\"name\":\"adversarial\",\"options\":{}},\"model\":{\"name\":\"mlp\",\"options\":{"), log.get(1));
        assertTrue(log.get(1).contains("\"steps\":30"), log.get(1));
        // The engine and its threads: the test JVM's processors unless OMP_NUM_THREADS is set.
        assertTrue(log.get(2).matches("engine: PyTorch \\S+, .*thread.*"), log.get(2));
        // Each epoch's line is the console's, and each checkpoint is noted.
        List<String> epochs = r.out().lines().filter(l -> l.startsWith("epoch ")).toList();
        assertEquals(3, epochs.size(), r.out());
        for (int e = 0; e < 3; e++) {
            String console = epochs.get(e);
            // The same line but for the time, which each listener measures for itself.
            String logged = log.get(3 + 2 * e);
            assertEquals(console.substring(0, console.lastIndexOf('(')), logged.substring(0, logged.lastIndexOf('(')));
            assertEquals("checkpoint " + run.resolve("checkpoints/step-00000000" + (e + 1) + "0"), log.get(4 + 2 * e));
        }
        assertTrue(log.get(9).startsWith("done: 30 steps in "), log.get(9));
        assertEquals(10, log.size(), String.join("\n", log));
        String text = Files.readString(run.resolve("train.log"));
        assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  org\\.gan4j\\.train - start: .*"),
                text);

        // --force starts the file afresh.
        Result again = gan(args(TINY, "--steps", "30", "--out", run.toString(), "--force", "--quiet"));
        assertEquals(0, again.code(), again.err());
        assertEquals(1, messages(run).stream().filter(l -> l.startsWith("start: ")).count());
    }

    @Test
    void aResumedRunAppendsToTheLogAndAnErrorThatStopsTrainingIsLogged() throws Exception {
        Path run = tmp.resolve("resumed");
        Result first = gan(args(TINY, "--out", run.toString(), "--steps", "20", "--quiet"));
        assertEquals(0, first.code(), first.err());
        List<String> before = messages(run);
        assertTrue(before.get(before.size() - 1).startsWith("done: 20 steps"), before.toString());

        Result more = gan("train", "--resume", run.toString(), "--steps", "30", "--quiet");
        assertEquals(0, more.code(), more.err());
        List<String> after = messages(run);
        assertEquals(before, after.subList(0, before.size()), "the first session's lines are kept");
        List<String> added = after.subList(before.size(), after.size());
        assertTrue(added.get(0).matches("resuming from .* at step 20 of 30"), added.get(0));
        assertEquals("start: training mlp on ring with the non-saturating loss: 30 steps (3 epochs of 10), batch 64,"
                + " seed 42, resumed at step 20; run directory " + run, added.get(1));
        assertTrue(added.get(3).startsWith("engine: PyTorch "), added.toString());
        assertTrue(added.get(4).startsWith("epoch 3/3  step 30  "), added.toString());
        assertTrue(added.get(added.size() - 1).startsWith("done: 30 steps in "), added.toString());

        // Asked to go on past its length, the run stops; the file says why, as the console does.
        Result done = gan("train", "--resume", run.toString(), "--quiet");
        assertEquals(2, done.code(), done.err());
        List<String> lines = Files.readAllLines(run.resolve("train.log"));
        String lastLine = lines.get(lines.size() - 1);
        assertTrue(lastLine.contains(" ERROR org.gan4j.train - stopped: run " + run + " has already trained 30 of its"
                + " 30 steps;"), lastLine);
        assertEquals("gan train: " + lastLine.substring(lastLine.indexOf("stopped: ") + 9), done.err().strip());
    }

    @Test
    void libraryWarningsReachTheFileButNotTheirInfoNorCudaUtilsNoise() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("direct"));
        RunLogFile log = RunLogFile.open(run, false);
        try {
            LoggerFactory.getLogger("ai.djl.engine.Engine").info("library info");
            LoggerFactory.getLogger("ai.djl.engine.Engine").warn("library warning");
            LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils").warn("Failed to detect GPU count: CUDA driver");
            LoggerFactory.getLogger(TrainLog.LOGGER).info("gan4j info");
            RunLogFile.warning("a warning of gan train");
        } finally {
            log.close();
        }
        LoggerFactory.getLogger(TrainLog.LOGGER).info("after the run");
        List<String> lines = Files.readAllLines(run.resolve("train.log"));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" WARN  ai.djl.engine.Engine - library warning"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" INFO  org.gan4j.train - gan4j info"), lines.get(1));
        assertTrue(lines.get(2).endsWith(" WARN  org.gan4j.train - a warning of gan train"), lines.get(2));
        assertFalse(String.join("\n", lines).contains("after the run"));
    }
}
