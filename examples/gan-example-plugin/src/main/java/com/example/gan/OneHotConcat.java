package com.example.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The label input of a class-conditional MLP: takes {@code (x, labels)} with x [N, F] and int
 * class indices [N], and returns x joined with the labels' one-hot vectors, [N, F + classes]. No
 * parameters. The {@code aux-head} game's generator starts with it, so that the generator takes
 * its latent vector and its class as two inputs, as gan4j's samplers and exported files feed a
 * conditional product.
 *
 * <p>A named block whose setting can be read back, so that {@link OneHotConcatConverter} can write
 * it as ONNX; DJL's own blocks offer no one-hot a converter could recognize.
 */
public final class OneHotConcat extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int classes;

    /**
     * Creates the block.
     *
     * @param classes the number of classes, at least 1
     */
    public OneHotConcat(int classes) {
        super(VERSION);
        if (classes < 1) {
            throw new IllegalArgumentException("OneHotConcat needs at least 1 class, got " + classes);
        }
        this.classes = classes;
    }

    /** @return the number of classes */
    public int classes() {
        return classes;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("OneHotConcat takes (x, labels), got " + inputs.size() + " inputs");
        }
        NDArray x = inputs.get(0);
        // PyTorch's one_hot takes int64 indices; the result takes x's float type.
        NDArray oneHot = inputs.get(1).toType(DataType.INT64, false).oneHot(classes).toType(x.getDataType(), false);
        return new NDList(x.concat(oneHot, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1) + classes)};
    }

    @Override
    public String toString() {
        return "OneHotConcat(" + classes + " classes)";
    }
}
