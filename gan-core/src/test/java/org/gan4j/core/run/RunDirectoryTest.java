package org.gan4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.api.GanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @Test
    void existingNonEmptyDirectoryNeedsForce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        GanException e = assertThrows(GanException.class, () -> RunDirectory.create(dir, false));
        assertEquals("--out " + dir + " already exists and is not empty; choose another --out or add --force", e.getMessage());
        assertTrue(Files.isDirectory(RunDirectory.create(dir, true).samplesDir()));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void unwritableLocationsAreReported(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        GanException underFile = assertThrows(GanException.class, () -> RunDirectory.create(file.resolve("run"), false));
        assertTrue(underFile.getMessage().startsWith("cannot create --out " + file.resolve("run")), underFile.getMessage());
        assertTrue(underFile.getMessage().endsWith("; choose a writable directory"), underFile.getMessage());
        GanException isFile = assertThrows(GanException.class, () -> RunDirectory.create(file, false));
        assertEquals("--out " + file + " is a file; give a directory", isFile.getMessage());
    }

    @Test
    void openingSomethingThatIsNotARunSaysSo(@TempDir Path dir) {
        assertEquals(
                "--run " + dir.resolve("none") + " does not exist; give the --out of a finished `gan train`",
                assertThrows(GanException.class, () -> RunDirectory.open(dir.resolve("none"))).getMessage());
        assertEquals(
                "--run " + dir + " is not a gan4j run (no config.json and run.json); give the --out of a `gan train`",
                assertThrows(GanException.class, () -> RunDirectory.open(dir)).getMessage());
    }
}
