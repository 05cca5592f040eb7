package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;

/**
 * An element-wise activation whose kind and settings can be read back, unlike DJL's anonymous
 * {@code LambdaBlock} activations, so that exporters can translate it. Has no parameters.
 */
public final class ActivationBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    /** The supported activations. */
    public enum Kind {
        /** max(0, x). */
        RELU,
        /** x for x &gt; 0, slope * x otherwise. */
        LEAKY_RELU,
        /** tanh(x). */
        TANH,
        /** 1 / (1 + exp(-x)). */
        SIGMOID;

        /** @return the user-facing name, e.g. {@code leaky-relu} */
        public String optionName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;
    private final float slope;

    private ActivationBlock(Kind kind, float slope) {
        super(VERSION);
        this.kind = kind;
        this.slope = slope;
    }

    /** @return a ReLU */
    public static ActivationBlock relu() {
        return new ActivationBlock(Kind.RELU, 0f);
    }

    /**
     * A leaky ReLU.
     *
     * @param slope the slope for negative inputs, e.g. 0.2 as in DCGAN's discriminator
     * @return the block
     */
    public static ActivationBlock leakyRelu(float slope) {
        return new ActivationBlock(Kind.LEAKY_RELU, slope);
    }

    /** @return a tanh */
    public static ActivationBlock tanh() {
        return new ActivationBlock(Kind.TANH, 0f);
    }

    /** @return a logistic sigmoid */
    public static ActivationBlock sigmoid() {
        return new ActivationBlock(Kind.SIGMOID, 0f);
    }

    /**
     * Builds an activation from its user-facing name.
     *
     * @param name relu, leaky-relu, tanh or sigmoid
     * @param leakySlope the slope used when {@code name} is leaky-relu
     * @return the block
     * @throws IllegalArgumentException if the name is unknown
     */
    public static ActivationBlock named(String name, float leakySlope) {
        for (Kind k : Kind.values()) {
            if (k.optionName().equals(name)) {
                return new ActivationBlock(k, k == Kind.LEAKY_RELU ? leakySlope : 0f);
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** @return the activation's kind */
    public Kind kind() {
        return kind;
    }

    /** @return the negative slope of a leaky ReLU, 0 for the other kinds */
    public float slope() {
        return slope;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y =
                switch (kind) {
                    case RELU -> Activation.relu(x);
                    case LEAKY_RELU -> Activation.leakyRelu(x, slope);
                    case TANH -> Activation.tanh(x);
                    case SIGMOID -> Activation.sigmoid(x);
                };
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "LeakyReLU(" + slope + ")" : kind.optionName();
    }
}
