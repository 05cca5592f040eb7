package org.gan4j.core.io;

import java.util.Arrays;

/**
 * An array read from a NumPy {@code .npy} file, its values as float32 in C (row-major) order.
 *
 * @param shape the array's shape; empty for a 0-d array (one value)
 * @param dtype the file's dtype as written in its header, e.g. {@code <f4} or {@code <f8}; float64
 *     values have been narrowed to float32
 * @param values the values, row-major; as many as the shape's product
 */
public record NpyArray(long[] shape, String dtype, float[] values) {

    /** Checks that the shape holds the values, and copies the shape. */
    public NpyArray {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return the shape in NumPy's notation, e.g. {@code (3, 8)}, {@code (5,)} or {@code ()} */
    public String shapeString() {
        return NpyFiles.shapeString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a
                && Arrays.equals(shape, a.shape)
                && dtype.equals(a.dtype)
                && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + dtype.hashCode()) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NpyArray[shape=" + shapeString() + ", dtype=" + dtype + "]";
    }
}
