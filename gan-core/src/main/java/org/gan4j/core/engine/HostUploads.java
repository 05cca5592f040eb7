package org.gan4j.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies host values (a batch, noise, labels) into engine arrays through one reused direct
 * buffer, for the training loop's per-step inputs.
 *
 * <p>Why not {@code manager.create(float[], shape)}: on DJL's PyTorch engine that allocates a new
 * direct buffer per call, and the engine array keeps pointing into it; the buffer's memory is
 * returned only when the garbage collector gets to its Java object, which a loop that makes little
 * heap garbage may not do for thousands of steps (a 64x64 RGB batch of 64 is 3 MiB a step). Here
 * the values go into one buffer that lives as long as this object, and the engine gets its own
 * copy (one memcpy), so nothing waits on the collector.
 *
 * <p>Not thread-safe: one per training loop.
 */
public final class HostUploads {

    private final NDManager manager;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /**
     * Creates the uploads for one manager.
     *
     * @param manager where the arrays are created
     */
    public HostUploads(NDManager manager) {
        this.manager = manager;
    }

    /**
     * The values as a float32 array of the shape, owned by the engine.
     *
     * @param values the values, row-major
     * @param shape their shape; its size must equal values.length
     * @return a new array on the manager (registered with the current NDScope, if any)
     */
    public NDArray floats(float[] values, Shape shape) {
        ByteBuffer view = staging(values.length * Float.BYTES);
        view.asFloatBuffer().put(values);
        return copyOf(view, shape, DataType.FLOAT32);
    }

    /**
     * The values as an int32 array of the shape, owned by the engine.
     *
     * @param values the values, row-major
     * @param shape their shape; its size must equal values.length
     * @return a new array on the manager (registered with the current NDScope, if any)
     */
    public NDArray ints(int[] values, Shape shape) {
        ByteBuffer view = staging(values.length * Integer.BYTES);
        view.asIntBuffer().put(values);
        return copyOf(view, shape, DataType.INT32);
    }

    /** The first bytes of the reused buffer, grown when too small, in native byte order. */
    private ByteBuffer staging(int bytes) {
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        return buffer.duplicate().order(ByteOrder.nativeOrder()).clear().limit(bytes);
    }

    private NDArray copyOf(ByteBuffer view, Shape shape, DataType type) {
        if (shape.size() * type.getNumOfBytes() != view.remaining()) {
            throw new IllegalArgumentException(view.remaining() / type.getNumOfBytes() + " values for shape " + shape);
        }
        // The engine array made from a direct buffer aliases it; the duplicate is the engine's own.
        try (NDArray alias = manager.create(view, shape, type)) {
            return alias.duplicate();
        }
    }
}
