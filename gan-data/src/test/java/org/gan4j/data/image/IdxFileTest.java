package org.gan4j.data.image;

import static org.gan4j.data.image.IdxFiles.gzip;
import static org.gan4j.data.image.IdxFiles.idx;
import static org.gan4j.data.image.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.gan4j.api.GanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path tmp;

    /** 5 images of 4 rows and 3 columns, with values above 127 to catch signed reads. */
    private static final int[] DIMS = {5, 4, 3};

    private static byte[] data() {
        byte[] data = new byte[60];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 7);
        }
        return data;
    }

    private static void assertContents(IdxFile f) {
        assertEquals(3, f.rank());
        assertArrayEquals(DIMS, f.dimensions());
        assertEquals(4, f.dimension(1));
        assertArrayEquals(data(), f.data());
        for (int i = 0; i < 60; i++) {
            assertEquals((i * 13 + 7) % 256, f.unsigned(i), "value " + i);
        }
        assertEquals(254, f.unsigned(19), "19 * 13 + 7 = 254: read unsigned, not as -2");
    }

    @Test
    void readsRawFiles() {
        Path file = write(tmp.resolve("raw-idx3-ubyte"), idx(DIMS, data()));
        IdxFile f = IdxFile.read(file);
        assertContents(f);
        assertEquals(file, f.file());
    }

    @Test
    void recognisesGzipByItsMagicBytesNotByTheName() {
        assertContents(IdxFile.read(write(tmp.resolve("x-idx3-ubyte.gz"), gzip(idx(DIMS, data())))));
        assertContents(IdxFile.read(write(tmp.resolve("gzipped-but-named-raw"), gzip(idx(DIMS, data())))));
        assertContents(IdxFile.read(write(tmp.resolve("raw-but-named.gz"), idx(DIMS, data()))));
    }

    @Test
    void readsOneDimensionalLabelFiles() {
        IdxFile f = IdxFile.read(write(tmp.resolve("labels"), idx(new int[] {3}, new byte[] {9, 0, (byte) 200})));
        assertArrayEquals(new int[] {3}, f.dimensions());
        assertEquals(200, f.unsigned(2));
    }

    @Test
    void rejectsFilesThatAreNotIdx() {
        Path file = write(tmp.resolve("zip-idx3-ubyte"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        assertMessage(file, "not an IDX file: it starts with 0x50 0x4b, not the two zero bytes of IDX's magic number");
    }

    @Test
    void rejectsOtherDataTypesSayingWhichOneIsRead() {
        Path file = write(tmp.resolve("float-idx3-ubyte"), idx(0x0D, new int[] {1}, new byte[4]));
        assertMessage(file, "data type 0x0d (32-bit float) is not supported; only 0x08 (unsigned byte) is, the type of MNIST's files");
        Path weird = write(tmp.resolve("weird"), idx(0x42, new int[] {1}, new byte[1]));
        assertMessage(weird, "data type 0x42 (not an IDX type) is not supported; only 0x08 (unsigned byte) is, the type of MNIST's files");
    }

    @Test
    void rejectsBadHeaders() {
        assertMessage(write(tmp.resolve("rank0"), idx(new int[0], new byte[0])),
                "the header declares 0 dimensions; an IDX file has at least 1");
        byte[] cut = Arrays.copyOf(idx(DIMS, data()), 9);
        assertMessage(write(tmp.resolve("cut-header"), cut),
                "truncated: the header of 3 dimensions needs 16 bytes, found 9");
        assertMessage(write(tmp.resolve("two-bytes"), new byte[] {0, 0}),
                "truncated: the magic number needs 4 bytes, found 2");
        assertMessage(write(tmp.resolve("zero-dim"), idx(new int[] {5, 0, 3}, new byte[0])),
                "dimension 1 has size 0; sizes must be from 1 to 2147483647");
        assertMessage(write(tmp.resolve("huge-dim"), idx(new int[] {-5}, new byte[0])),
                "dimension 0 has size 4294967291; sizes must be from 1 to 2147483647");
        assertMessage(write(tmp.resolve("too-big"), idx(new int[] {65536, 65536}, new byte[0])),
                "dimensions [65536, 65536]... hold more than 2147483639 values, more than one array can hold");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] whole = idx(DIMS, data());
        byte[] cut = Arrays.copyOf(whole, whole.length - 18);
        String problem = "truncated: expected 60 data bytes for dimensions [5, 4, 3], found 42; download the file again";
        assertMessage(write(tmp.resolve("cut-idx3-ubyte"), cut), problem);
        assertMessage(write(tmp.resolve("cut-idx3-ubyte.gz"), gzip(cut)), problem);
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] whole = idx(DIMS, data());
        byte[] longer = Arrays.copyOf(whole, whole.length + 7);
        String problem = "7 bytes follow the 60 data bytes that dimensions [5, 4, 3] describe; the file is corrupt or not one IDX array";
        assertMessage(write(tmp.resolve("long"), longer), problem);
        assertMessage(write(tmp.resolve("long.gz"), gzip(longer)), problem);
    }

    @Test
    void rejectsCorruptGzip() {
        byte[] gz = gzip(idx(DIMS, data()));
        byte[] damaged = gz.clone();
        for (int i = 12; i < damaged.length - 8; i++) {
            damaged[i] ^= (byte) 0x5A;
        }
        Path file = write(tmp.resolve("damaged.gz"), damaged);
        GanException e = assertThrows(GanException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().startsWith("IDX file " + file + ": corrupt gzip data ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); download the file again"), e.getMessage());

        Path cut = write(tmp.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(GanException.class, () -> IdxFile.read(cut));
        assertTrue(e.getMessage().startsWith("IDX file " + cut + ": corrupt gzip data ("), e.getMessage());

        // A wrong checksum is only seen after the last data byte, where trailing bytes are looked for.
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 1;
        Path crc = write(tmp.resolve("crc.gz"), badCrc);
        e = assertThrows(GanException.class, () -> IdxFile.read(crc));
        assertTrue(e.getMessage().startsWith("IDX file " + crc + ": corrupt gzip data ("), e.getMessage());
    }

    @Test
    void namesAMissingFile() {
        Path file = tmp.resolve("nope-idx3-ubyte.gz");
        assertMessage(file, "no such file");
    }

    private static void assertMessage(Path file, String problem) {
        GanException e = assertThrows(GanException.class, () -> IdxFile.read(file));
        assertEquals("IDX file " + file + ": " + problem, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }
}
