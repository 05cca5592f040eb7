package org.gan4j.core.autodiff;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * {@link InputGradients} on DJL's PyTorch engine: a backward pass with {@code create_graph}, as
 * {@code torch.autograd.grad(..., create_graph=True)} would do. That pass also accumulates into
 * the parameters' gradients, so this zeroes them again afterwards; they hold zeros before it,
 * because every optimizer update ends by zeroing them.
 */
final class PyTorchInputGradients implements InputGradients {

    @Override
    public NDArray inputGradient(NDArray output, NDArray input, List<Parameter> parameters) {
        NDArray ones = output.onesLike();
        JniUtils.backward((PtNDArray) output, (PtNDArray) ones, true, true);
        for (Parameter p : parameters) {
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
        return input.getGradient();
    }
}
