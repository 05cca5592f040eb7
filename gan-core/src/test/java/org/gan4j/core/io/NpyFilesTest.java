package org.gan4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFilesTest {

    @TempDir Path dir;

    /** Copies a fixture written by NumPy (see make_fixtures.py beside them) to a file. */
    private Path fixture(String name) throws IOException {
        try (InputStream in = NpyFilesTest.class.getResourceAsStream("npy/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private String readFails(Path file) {
        return assertThrows(IOException.class, () -> NpyFiles.read(file)).getMessage();
    }

    @Test
    void roundTripsWhatItWrites() throws IOException {
        float[] values = new float[2 * 3 * 4 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) * 1e3f;
        }
        values[7] = Float.NaN;
        values[8] = Float.NEGATIVE_INFINITY;
        values[9] = -0f;
        Path file = dir.resolve("x.npy");
        NpyFiles.writeFloat32(file, values, 2, 3, 4, 5);
        NpyArray a = NpyFiles.read(file);
        assertArrayEquals(new long[] {2, 3, 4, 5}, a.shape());
        assertEquals("<f4", a.dtype());
        assertArrayEquals(values, a.values());
        assertEquals("(2, 3, 4, 5)", a.shapeString());

        NpyFiles.writeFloat32(file, new float[] {4, 5}, 2);
        assertEquals(new NpyArray(new long[] {2}, "<f4", new float[] {4, 5}), NpyFiles.read(file));
        NpyFiles.writeFloat32(file, new float[0], 0, 3);
        assertArrayEquals(new long[] {0, 3}, NpyFiles.read(file).shape());
    }

    @Test
    void readsFloat32AndFloat64FilesWrittenByNumPy() throws IOException {
        NpyArray f32 = NpyFiles.read(fixture("f32_2x3.npy"));
        assertArrayEquals(new long[] {2, 3}, f32.shape());
        assertArrayEquals(new float[] {1.5f, -2f, 3f, 0.25f, 1e-3f, -7f}, f32.values());

        NpyArray f64 = NpyFiles.read(fixture("f64_2x2x2.npy"));
        assertEquals("<f8", f64.dtype());
        assertArrayEquals(new long[] {2, 2, 2}, f64.shape());
        float[] thirds = new float[8];
        for (int i = 0; i < 8; i++) {
            thirds[i] = (float) (i / 3.0);
        }
        assertArrayEquals(thirds, f64.values(), "float64 narrowed to float32, C order");

        NpyArray scalar = NpyFiles.read(fixture("f64_scalar.npy"));
        assertEquals(0, scalar.rank());
        assertEquals("()", scalar.shapeString());
        assertArrayEquals(new float[] {2.5f}, scalar.values());

        NpyArray vector = NpyFiles.read(fixture("f32_1d.npy"));
        assertEquals("(3,)", vector.shapeString());
        assertArrayEquals(new float[] {1, 2, 3}, vector.values());

        NpyArray v2 = NpyFiles.read(fixture("v2_f32_1x2.npy"));
        assertArrayEquals(new long[] {1, 2}, v2.shape());
        assertArrayEquals(new float[] {0.5f, 1f}, v2.values(), "format version 2.0: a 4-byte header length");
    }

    @Test
    void refusesWhatItCannotReadInOneLineNamingTheFile() throws IOException {
        Path text = Files.writeString(dir.resolve("z.npy"), "0.5,1.0\n");
        assertEquals(text + " is not a .npy file (it does not start with \\x93NUMPY)", readFails(text));
        Path empty = Files.write(dir.resolve("empty.npy"), new byte[0]);
        assertEquals(empty + " is not a .npy file (it does not start with \\x93NUMPY)", readFails(empty));

        Path ints = fixture("i64_4.npy");
        assertEquals(ints + " holds dtype '<i8'; only little-endian float32 ('<f4') and float64 ('<f8') are read",
                readFails(ints));
        Path big = fixture("big_endian_f4.npy");
        assertEquals(big + " holds dtype '>f4'; only little-endian float32 ('<f4') and float64 ('<f8') are read",
                readFails(big));

        Path fortran = fixture("fortran_2x3.npy");
        assertEquals(fortran + " is in Fortran order; save it in C order (numpy.ascontiguousarray)",
                readFails(fortran));

        byte[] whole = Files.readAllBytes(fixture("f32_2x3.npy"));
        Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(whole, whole.length - 5));
        assertEquals(cut + " is truncated: shape (2, 3) of '<f4' needs 24 bytes of data, the file has 19",
                readFails(cut));
        Path inHeader = Files.write(dir.resolve("head.npy"), Arrays.copyOf(whole, 40));
        assertEquals(inHeader + " is truncated: it ends inside its header", readFails(inHeader));
        Path longer = Files.write(dir.resolve("long.npy"), Arrays.copyOf(whole, whole.length + 4));
        assertEquals(longer + " has 4 bytes after the 24 bytes of data its header announces (shape (2, 3) of '<f4')",
                readFails(longer));

        byte[] v9 = whole.clone();
        v9[6] = 9;
        Path future = Files.write(dir.resolve("v9.npy"), v9);
        assertEquals(future + ": .npy format version 9.0 is not supported (versions 1.0 to 3.0 are)", readFails(future));

        Path missing = dir.resolve("missing.npy");
        assertEquals(missing + ": no such file", readFails(missing));
    }
}
