package org.gan4j.data.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.gan4j.api.GanException;

/**
 * An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST: a 4-byte magic number
 * (two zero bytes, the data type, the number of dimensions), each dimension's size as a big-endian
 * 32-bit integer, then the values in row-major order. Files may be gzip-compressed, as they are
 * distributed; compression is recognised by gzip's magic bytes, not by the file's name.
 *
 * <p>Only type 0x08 (unsigned byte) is read: it is the type of every MNIST-like image and label
 * file. Reading is strict, because a file cut short by a failed download otherwise shows up much
 * later as a model that will not train: the data must be exactly as long as the dimensions say.
 */
public final class IdxFile {

    /** IDX's data type code for unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;

    // Arrays are indexed by int; a few bytes are kept back as the JDK's arrays need them.
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final int[] dimensions;
    private final byte[] data;

    private IdxFile(Path file, int[] dimensions, byte[] data) {
        this.file = file;
        this.dimensions = dimensions;
        this.data = data;
    }

    /**
     * Reads and validates an IDX file, gzip-compressed or not.
     *
     * @param file the file
     * @return its contents
     * @throws GanException if the file is missing, unreadable, not IDX, of another type than
     *     unsigned bytes, corrupt, truncated or followed by extra bytes; the message names the file
     */
    public static IdxFile read(Path file) {
        Objects.requireNonNull(file, "file");
        boolean gzip = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return parse(file, in);
            }
        } catch (NoSuchFileException e) {
            throw fail(file, "no such file");
        } catch (IOException e) {
            // GZIPInputStream reports a damaged or cut-off stream as an IOException while reading.
            if (gzip) {
                throw fail(file, "corrupt gzip data (" + e.getMessage() + "); download the file again", e);
            }
            throw fail(file, "cannot read: " + e, e);
        }
    }

    private static IdxFile parse(Path file, InputStream in) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length >= 2 && (magic[0] != 0 || magic[1] != 0)) {
            throw fail(file, String.format(
                    "not an IDX file: it starts with 0x%02x 0x%02x, not the two zero bytes of IDX's magic number",
                    magic[0] & 0xff, magic[1] & 0xff));
        }
        if (magic.length < 4) {
            throw fail(file, "truncated: the magic number needs 4 bytes, found " + magic.length);
        }
        int type = magic[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw fail(file, String.format(
                    "data type 0x%02x (%s) is not supported; only 0x08 (unsigned byte) is, the type of MNIST's files",
                    type, typeName(type)));
        }
        int rank = magic[3] & 0xff;
        if (rank == 0) {
            throw fail(file, "the header declares 0 dimensions; an IDX file has at least 1");
        }
        byte[] header = in.readNBytes(4 * rank);
        if (header.length < 4 * rank) {
            throw fail(file, "truncated: the header of " + rank + " dimensions needs " + (4 + 4 * rank)
                    + " bytes, found " + (4 + header.length));
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = ((header[4 * i] & 0xff) << 24) | ((header[4 * i + 1] & 0xff) << 16)
                    | ((header[4 * i + 2] & 0xff) << 8) | (header[4 * i + 3] & 0xff);
            if (dims[i] <= 0) {
                throw fail(file, "dimension " + i + " has size " + Integer.toUnsignedString(dims[i])
                        + "; sizes must be from 1 to " + Integer.MAX_VALUE);
            }
            count *= dims[i];
            if (count > MAX_VALUES) {
                throw fail(file, "dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + "... hold more than " + MAX_VALUES + " values, more than one array can hold");
            }
        }
        byte[] data = new byte[(int) count];
        int n = in.readNBytes(data, 0, data.length);
        if (n < data.length) {
            throw fail(file, "truncated: expected " + data.length + " data bytes for dimensions "
                    + Arrays.toString(dims) + ", found " + n + "; download the file again");
        }
        long extra = 0;
        byte[] rest = new byte[1 << 13];
        for (int r; (r = in.read(rest)) > 0; ) {
            extra += r;
        }
        if (extra > 0) {
            throw fail(file, extra + " bytes follow the " + data.length + " data bytes that dimensions "
                    + Arrays.toString(dims) + " describe; the file is corrupt or not one IDX array");
        }
        return new IdxFile(file, dims, data);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "16-bit integer";
            case 0x0C -> "32-bit integer";
            case 0x0D -> "32-bit float";
            case 0x0E -> "64-bit float";
            default -> "not an IDX type";
        };
    }

    private static GanException fail(Path file, String problem) {
        return new GanException("IDX file " + file + ": " + problem);
    }

    private static GanException fail(Path file, String problem, Throwable cause) {
        return new GanException("IDX file " + file + ": " + problem, cause);
    }

    /** @return the file this was read from, for messages */
    public Path file() {
        return file;
    }

    /** @return the number of dimensions */
    public int rank() {
        return dimensions.length;
    }

    /** @return a copy of the dimensions' sizes, outermost first */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /**
     * One dimension's size.
     *
     * @param axis the dimension, from 0 (outermost)
     * @return its size
     */
    public int dimension(int axis) {
        return dimensions[axis];
    }

    /**
     * The values, row-major, as stored: read them as unsigned with {@code b & 0xff}. The array is
     * the reader's own, not a copy (an image file can hold tens of megabytes); do not modify it.
     *
     * @return the values
     */
    public byte[] data() {
        return data;
    }

    /**
     * One value, unsigned.
     *
     * @param index the value's row-major index
     * @return the value, 0 to 255
     */
    public int unsigned(int index) {
        return data[index] & 0xff;
    }
}
