package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Reshapes each sample of a batch, keeping the batch axis: [N, ...] to [N, shape...]. The target
 * shape can be read back, so exporters can translate the block. Has no parameters.
 */
public final class ReshapeBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Shape sampleShape;

    /**
     * Creates the block.
     *
     * @param sampleShape the shape of one sample after reshaping, without the batch axis
     */
    public ReshapeBlock(Shape sampleShape) {
        super(VERSION);
        this.sampleShape = sampleShape;
    }

    /** @return the shape of one sample after reshaping */
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(x.reshape(batched(x.getShape().get(0))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {batched(inputShapes[0].get(0))};
    }

    private Shape batched(long batch) {
        return new Shape(batch).addAll(sampleShape);
    }

    @Override
    public String toString() {
        return "Reshape(N, " + sampleShape + ")";
    }
}
