package org.gan4j.data.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests, valid or broken on purpose. */
final class IdxFiles {

    private IdxFiles() {}

    /** The bytes of an IDX file: magic (0, 0, type, rank), big-endian sizes, then the data. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    /** An unsigned-byte IDX file's bytes. */
    static byte[] idx(int[] dims, byte[] data) {
        return idx(IdxFile.UNSIGNED_BYTE, dims, data);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an MNIST-like pair: {@code n} images of {@code rows x cols} where pixel k of image i
     * is {@link #pixel}(i, k), and the given labels.
     */
    static void pair(Path dir, String prefix, int n, int rows, int cols, byte[] labels, boolean gzip) {
        byte[] pixels = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                pixels[i * rows * cols + k] = (byte) pixel(i, k);
            }
        }
        byte[] images = idx(new int[] {n, rows, cols}, pixels);
        byte[] labelFile = idx(new int[] {labels.length}, labels);
        String gz = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + gz), gzip ? gzip(images) : images);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + gz), gzip ? gzip(labelFile) : labelFile);
    }

    /** The test pattern's pixel k of image i, 0 to 255, different for every image. */
    static int pixel(int i, int k) {
        return (i * 37 + k * 11) & 0xff;
    }
}
