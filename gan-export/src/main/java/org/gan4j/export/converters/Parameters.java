package org.gan4j.export.converters;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.gan4j.export.ExportException;

/** Reading a block's trained parameters for conversion. */
final class Parameters {

    private Parameters() {}

    /**
     * A parameter's array.
     *
     * @param block the block
     * @param name the parameter's name, e.g. {@code weight}
     * @return its array
     * @throws ExportException if the block has no such parameter or it is not initialized
     */
    static NDArray array(Block block, String name) {
        Parameter p = block.getParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new ExportException(block.getClass().getSimpleName() + " has no initialized parameter '" + name
                    + "'; initialize the generator and load its weights before exporting");
        }
        return p.getArray();
    }

    /** Whether the block has the parameter. */
    static boolean has(Block block, String name) {
        return block.getParameters().contains(name);
    }

    /** A parameter's values as doubles, row-major. */
    static double[] doubles(Block block, String name) {
        return array(block, name).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }
}
