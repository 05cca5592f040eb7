package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A maxout layer (Goodfellow et al. 2013): {@code units * pieces} affine features of a vector
 * [N, D], of which each unit keeps the largest of its {@code pieces}, giving [N, units]. Unit
 * {@code u} takes the features {@code u * pieces} to {@code u * pieces + pieces - 1}. Its settings
 * read back, and the affine part is an ordinary {@link Linear} child named {@code linear}, so an
 * exporter can write it as Gemm, Reshape and ReduceMax.
 */
public final class Maxout extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int units;
    private final int pieces;
    private final Linear linear;

    /**
     * Creates the layer.
     *
     * @param units the output units, at least 1
     * @param pieces the affine pieces each unit takes the maximum of, at least 1
     */
    public Maxout(int units, int pieces) {
        super(VERSION);
        if (units < 1 || pieces < 1) {
            throw new IllegalArgumentException("Maxout needs units >= 1 and pieces >= 1, got " + units + " and " + pieces);
        }
        this.units = units;
        this.pieces = pieces;
        this.linear = addChildBlock("linear", Linear.builder().setUnits((long) units * pieces).build());
    }

    /** @return the output units */
    public int units() {
        return units;
    }

    /** @return the pieces a unit takes the maximum of */
    public int pieces() {
        return pieces;
    }

    /** @return the affine part, {@code units * pieces} wide */
    public Linear linear() {
        return linear;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = linear.forward(parameterStore, inputs, training, params).singletonOrThrow();
        long n = features.getShape().get(0);
        return new NDList(features.reshape(n, units, pieces).max(new int[] {2}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }

    @Override
    public String toString() {
        return "Maxout(" + units + " units, " + pieces + " pieces)";
    }
}
