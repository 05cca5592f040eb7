package org.gan4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes NumPy {@code .npy} files (format version 1.0), little-endian float32, C order. */
public final class NpyFiles {

    private NpyFiles() {}

    /**
     * Writes a float32 array atomically.
     *
     * @param target the file
     * @param values the values, row-major
     * @param shape the array's shape; its product must equal {@code values.length}
     * @throws IOException if writing fails
     */
    public static void writeFloat32(Path target, float[] values, long... shape) throws IOException {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
        }
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        StringBuilder header =
                new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        // magic(6) + version(2) + header length(2) + header, padded with spaces to a multiple of
        // 64 and ended by a newline, as the format asks.
        int unpadded = 10 + header.length() + 1;
        header.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        AtomicFiles.write(
                target,
                out -> {
                    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
                    out.write(headerBytes.length & 0xff);
                    out.write((headerBytes.length >> 8) & 0xff);
                    out.write(headerBytes);
                    out.write(data.array());
                });
    }
}
