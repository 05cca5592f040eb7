package org.gan4j.export.games;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Joins a product's inputs into one vector a sample: float inputs flattened, class indices one-hot,
 * concatenated in order on axis 1.
 */
public final class JoinInputs extends AbstractBlock {

    private final int[] classes;

    /**
     * Creates the block.
     *
     * @param classes per input, its number of classes, or 0 for a float input
     */
    public JoinInputs(int[] classes) {
        super((byte) 1);
        this.classes = classes.clone();
    }

    /** @return per input, its number of classes, or 0 for a float input */
    public int[] classes() {
        return classes.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList parts = new NDList();
        for (int i = 0; i < classes.length; i++) {
            NDArray x = inputs.get(i);
            parts.add(classes[i] > 0
                    ? x.toType(DataType.INT64, false).oneHot(classes[i]).toType(DataType.FLOAT32, false)
                    : x.reshape(x.getShape().get(0), -1));
        }
        return new NDList(NDArrays.concat(parts, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long features = 0;
        for (int i = 0; i < classes.length; i++) {
            features += classes[i] > 0 ? classes[i] : inputShapes[i].slice(1).size();
        }
        return new Shape[] {new Shape(inputShapes[0].get(0), features)};
    }
}
