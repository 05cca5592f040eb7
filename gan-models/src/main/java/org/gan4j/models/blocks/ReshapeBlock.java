package org.gan4j.models.blocks;

import ai.djl.ndarray.types.Shape;

/**
 * Reshapes each sample of a batch, keeping the batch axis: [N, ...] to [N, shape...]. The target
 * shape can be read back, so exporters can translate the block. Has no parameters.
 */
public final class ReshapeBlock extends ShapeChangeBlock {

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
    Shape outputShape(Shape input) {
        return new Shape(input.get(0)).addAll(sampleShape);
    }

    @Override
    public String toString() {
        return "Reshape(N, " + sampleShape + ")";
    }
}
