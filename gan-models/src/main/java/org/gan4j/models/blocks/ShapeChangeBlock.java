package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A parameterless block that only reshapes its input, by a rule of the input's shape. Subclasses
 * say what the rule is and keep its settings readable, so that exporters can translate them.
 */
abstract class ShapeChangeBlock extends AbstractBlock {

    ShapeChangeBlock(byte version) {
        super(version);
    }

    /**
     * The output's shape for an input shape.
     *
     * @param input the input's shape, batch axis first
     * @return the output's shape
     */
    abstract Shape outputShape(Shape input);

    @Override
    protected final NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(x.reshape(outputShape(x.getShape())));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0])};
    }
}
