package org.gan4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.gan4j.core.engine.TorchScriptModules;

/**
 * Adam's update of a whole network in one call on DJL's PyTorch engine: libtorch's fused Adam
 * kernel ({@code torch._fused_adam_}, the one behind {@code torch.optim.Adam(fused=True)}), run
 * by a tiny TorchScript module ({@code fused_adam.pt}, made by {@code
 * src/main/torchscript/make_fused_adam.py}) that also zeroes the gradients. DJL's own {@code
 * adamUpdate} takes a Java call, a gradient handle and about ten kernels per parameter; this takes
 * one call and one pass over each parameter (measured: docs/BENCHMARKS.md).
 *
 * <p>Only {@link Adam} calls this, after checking that the parameters live on the PyTorch engine,
 * so this class (and the optional pytorch-engine jar) is not loaded on other engines.
 */
final class PyTorchFusedAdam {

    private static final String RESOURCE = "fused_adam.pt";
    private static PtSymbolBlock module;

    private PyTorchFusedAdam() {}

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            module = TorchScriptModules.load(PyTorchFusedAdam.class, RESOURCE);
        }
        return module;
    }

    /**
     * One Adam update of every parameter that holds a gradient, with PyTorch's rule
     * (w -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)); then the gradients are
     * zeroed.
     *
     * @param weights the parameters' arrays
     * @param firstMoments m, one per parameter, updated in place
     * @param secondMoments v, one per parameter, updated in place
     * @param step t, the number of this update from 1
     * @param learningRate lr
     * @param beta1 beta1
     * @param beta2 beta2
     * @param epsilon eps
     */
    static void update(
            List<NDArray> weights,
            List<NDArray> firstMoments,
            List<NDArray> secondMoments,
            long step,
            double learningRate,
            double beta1,
            double beta2,
            double epsilon) {
        IValue[] args = {
            IValue.listFrom(weights.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new)),
            IValue.listFrom(firstMoments.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new)),
            IValue.listFrom(secondMoments.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new)),
            IValue.from((double) step),
            IValue.from(learningRate),
            IValue.from(beta1),
            IValue.from(beta2),
            IValue.from(epsilon)
        };
        try {
            // Run the method as written, as the other modules are (see PyTorchInputGradients).
            JniUtils.setGraphExecutorOptimize(false);
            IValueUtils.forward(module(), args).close();
        } finally {
            for (IValue arg : args) {
                arg.close();
            }
        }
    }
}
