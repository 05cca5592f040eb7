package com.example.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The Snake activation of Ziyin, Hartwig and Ueda (2020), {@code x + sin²(αx) / α}, with one learned
 * α per feature: a ReLU-like rise with a periodic ripple, suited to data that curls. Input and output
 * are [N, F]; the parameter {@code alpha} has shape [F] and starts at {@link #initialAlpha()}.
 *
 * <p>A named block whose setting can be read back and whose computation is its parameters plus a
 * fixed formula, so that {@link SnakeConverter} can write it as ONNX.
 */
public final class Snake extends AbstractBlock {

    /** Added to α before dividing by it, so that an α of exactly 0 gives x, not NaN. */
    public static final float EPSILON = 1e-9f;

    private static final byte VERSION = 1;

    private final float initialAlpha;
    private final Parameter alpha;

    /**
     * Creates the block.
     *
     * @param initialAlpha the value every α starts at, positive (larger: faster ripples)
     */
    public Snake(float initialAlpha) {
        super(VERSION);
        if (!(initialAlpha > 0) || Float.isInfinite(initialAlpha)) {
            throw new IllegalArgumentException("Snake's initial alpha must be a positive number, got " + initialAlpha);
        }
        this.initialAlpha = initialAlpha;
        alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(initialAlpha))
                .build());
    }

    /** @return the value every α started at */
    public float initialAlpha() {
        return initialAlpha;
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        if (inputShapes[0].dimension() != 2) {
            throw new IllegalArgumentException("Snake takes [N, F] inputs, got " + inputShapes[0]);
        }
        alpha.setShape(new Shape(inputShapes[0].get(1)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = parameterStore.getValue(alpha, x.getDevice(), training);
        return new NDList(x.add(x.mul(a).sin().square().div(a.add(EPSILON))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "Snake(initialAlpha=" + initialAlpha + ")";
    }
}
