package org.gan4j.export.custom;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A third party's block: y = x * a + b with a learned per-feature a and b, then sin(y). */
public final class ScaleShiftBlock extends AbstractBlock {

    private final Parameter scale;
    private final Parameter shift;

    public ScaleShiftBlock() {
        super((byte) 1);
        scale = addParameter(Parameter.builder().setName("scale").setType(Parameter.Type.GAMMA).build());
        shift = addParameter(Parameter.builder().setName("shift").setType(Parameter.Type.BETA).build());
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        scale.setShape(new Shape(inputShapes[0].get(1)));
        shift.setShape(new Shape(inputShapes[0].get(1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        var a = ps.getValue(scale, x.getDevice(), training);
        var b = ps.getValue(shift, x.getDevice(), training);
        return new NDList(x.mul(a).add(b).sin());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
