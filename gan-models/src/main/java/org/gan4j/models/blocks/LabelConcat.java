package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Label conditioning for conditional GANs (Mirza and Osindero 2014): takes {@code (x, labels)},
 * turns the int labels into one-hot vectors, passes each through its own optional branch, and
 * joins them on axis 1. For vectors [N, D] the result is [N, D' + L']; for images [N, C, H, W]
 * the label features are repeated over the image as constant maps, giving [N, C + L', H, W]
 * (the conditional DCGAN's "label channels").
 *
 * <p>A branch of null means identity. The settings stay readable so that exporters can
 * translate the block: one-hot, the branches, a broadcast and a concat.
 */
public final class LabelConcat extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final Block dataBranch;
    private final Block labelBranch;

    /**
     * Creates the block.
     *
     * @param numClasses the number of classes, at least 1
     * @param dataBranch applied to x before the join, or null for none
     * @param labelBranch applied to the one-hot labels [N, numClasses] before the join, or null
     */
    public LabelConcat(int numClasses, Block dataBranch, Block labelBranch) {
        super(VERSION);
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.dataBranch = dataBranch == null ? null : addChildBlock("data", dataBranch);
        this.labelBranch = labelBranch == null ? null : addChildBlock("label", labelBranch);
    }

    /** @return the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return the branch applied to x, or null */
    public Block dataBranch() {
        return dataBranch;
    }

    /** @return the branch applied to the one-hot labels, or null */
    public Block labelBranch() {
        return labelBranch;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("LabelConcat takes (x, labels), got " + inputs.size() + " inputs");
        }
        NDArray x = inputs.get(0);
        if (dataBranch != null) {
            x = dataBranch.forward(parameterStore, new NDList(x), training, params).singletonOrThrow();
        }
        // PyTorch's one_hot wants int64 indices; the features take the data's float type.
        NDArray y = inputs.get(1).toType(DataType.INT64, false).oneHot(numClasses).toType(x.getDataType(), false);
        if (labelBranch != null) {
            y = labelBranch.forward(parameterStore, new NDList(y), training, params).singletonOrThrow();
        }
        Shape xs = x.getShape();
        if (xs.dimension() > 2) {
            // [N, L] -> [N, L, 1, ..., 1] -> [N, L, H, W]: one constant map a label feature.
            Shape maps = new Shape(y.getShape().get(0), y.getShape().get(1));
            for (int d = 2; d < xs.dimension(); d++) {
                maps = maps.add(1);
            }
            y = y.reshape(maps).broadcast(new Shape(xs.get(0), y.getShape().get(1)).addAll(xs.slice(2)));
        }
        return new NDList(x.concat(y, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = dataBranch == null ? inputShapes[0] : dataBranch.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape y = labelShape(inputShapes[1]);
        long features = x.get(1) + y.get(1);
        return new Shape[] {new Shape(x.get(0), features).addAll(x.slice(2))};
    }

    private Shape labelShape(Shape labels) {
        Shape oneHot = new Shape(labels.get(0), numClasses);
        return labelBranch == null ? oneHot : labelBranch.getOutputShapes(new Shape[] {oneHot})[0];
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (dataBranch != null) {
            dataBranch.initialize(manager, dataType, inputShapes[0]);
        }
        if (labelBranch != null) {
            labelBranch.initialize(manager, dataType, new Shape(inputShapes[1].get(0), numClasses));
        }
    }

    @Override
    public String toString() {
        return "LabelConcat(" + numClasses + " classes, data " + dataBranch + ", labels " + labelBranch + ")";
    }
}
