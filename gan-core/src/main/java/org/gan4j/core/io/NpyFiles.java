package org.gan4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes NumPy {@code .npy} files. Writes format version 1.0, little-endian float32, C
 * order; reads versions 1.0 to 3.0 holding little-endian float32 or float64 in C order, of any
 * rank.
 */
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

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * Reads a float32 or float64 array (little-endian, C order, any rank); float64 values are
     * narrowed to float32.
     *
     * @param file the {@code .npy} file
     * @return the array
     * @throws IOException with a one-line message naming the file if it cannot be read, is not a
     *     {@code .npy} file, holds another dtype, is in Fortran order or is truncated
     */
    public static NpyArray read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IOException(file + " is not a .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        int lengthBytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : -1;
        if (lengthBytes < 0) {
            throw new IOException(file + ": .npy format version " + major + "." + minor
                    + " is not supported (versions 1.0 to 3.0 are)");
        }
        int start = 8 + lengthBytes;
        if (bytes.length < start) {
            throw new IOException(file + " is truncated: it ends inside its header");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (bytes[8 + i] & 0xff);
        }
        if (bytes.length < start + headerLength) {
            throw new IOException(file + " is truncated: it ends inside its header");
        }
        String header = new String(bytes, start, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new IOException(file + ": malformed .npy header " + header
                    + "; it needs 'descr' (a simple dtype), 'fortran_order' and 'shape'");
        }
        String dtype = descr.group(1);
        int itemSize = switch (dtype) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IOException(file + " holds dtype '" + dtype
                    + "'; only little-endian float32 ('<f4') and float64 ('<f8') are read");
        };
        long[] shape = parseShape(shapeText.group(1), file, header);
        if (fortran.group(1).equals("True") && shape.length > 1) {
            throw new IOException(file + " is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        long limit = Integer.MAX_VALUE - 8; // the largest Java array
        long count = 1;
        for (long d : shape) {
            if (d > 0 && count > limit / d) {
                throw new IOException(file + ": shape " + shapeString(shape) + " has too many values to read");
            }
            count *= d;
        }
        long expected = count * itemSize;
        long found = bytes.length - start - headerLength;
        if (found < expected) {
            throw new IOException(file + " is truncated: shape " + shapeString(shape) + " of '" + dtype + "' needs "
                    + expected + " bytes of data, the file has " + found);
        }
        if (found > expected) {
            throw new IOException(file + " has " + (found - expected) + " bytes after the " + expected
                    + " bytes of data its header announces (shape " + shapeString(shape) + " of '" + dtype + "')");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) (start + headerLength), (int) expected).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) count];
        if (itemSize == 4) {
            data.asFloatBuffer().get(values);
        } else {
            java.nio.DoubleBuffer doubles = data.asDoubleBuffer();
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) doubles.get(i);
            }
        }
        return new NpyArray(shape, dtype, values);
    }

    private static long[] parseShape(String text, Path file, String header) throws IOException {
        String[] parts = text.split(",");
        long[] dims = new long[parts.length];
        int rank = 0;
        for (String part : parts) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2's long literals
            }
            if (p.isEmpty()) {
                continue; // "()" or the trailing comma of "(5,)"
            }
            try {
                dims[rank] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                dims[rank] = -1;
            }
            if (dims[rank] < 0) {
                throw new IOException(file + ": malformed .npy header " + header + ": bad shape (" + text + ")");
            }
            rank++;
        }
        return Arrays.copyOf(dims, rank);
    }

    /**
     * A shape in NumPy's notation.
     *
     * @param shape the dimensions
     * @return e.g. {@code (3, 8)}, {@code (5,)} or {@code ()}
     */
    public static String shapeString(long[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + dims + (shape.length == 1 ? ",)" : ")");
    }
}
