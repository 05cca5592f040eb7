package org.gan4j.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HostUploadsTest {

    @Test
    void arraysKeepTheirValuesAfterTheBufferIsReusedAndGrown() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HostUploads uploads = new HostUploads(manager);
            NDArray a = uploads.floats(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            // Same buffer, other values: a must not change (it is the engine's own copy).
            NDArray b = uploads.floats(new float[] {-1, -2}, new Shape(2));
            // A larger upload replaces the buffer.
            float[] big = new float[10_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = i * 0.5f;
            }
            NDArray c = uploads.floats(big, new Shape(100, 100));
            NDArray labels = uploads.ints(new int[] {7, 0, 3}, new Shape(3));

            assertEquals(new Shape(2, 3), a.getShape());
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloatArray());
            assertArrayEquals(new float[] {-1, -2}, b.toFloatArray());
            assertArrayEquals(big, c.toFloatArray());
            assertEquals(DataType.INT32, labels.getDataType());
            assertArrayEquals(new int[] {7, 0, 3}, labels.toIntArray());
            // And the arrays compute like any other.
            assertEquals(21f, a.sum().getFloat());
        }
    }

    @Test
    void aShapeThatDoesNotFitTheValuesIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HostUploads uploads = new HostUploads(manager);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> uploads.floats(new float[5], new Shape(2, 3)));
            assertEquals("5 values for shape (2, 3)", e.getMessage());
        }
    }
}
