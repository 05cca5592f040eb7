package org.gan4j.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * {@link InputGradients} on DJL's PyTorch engine: {@code torch.autograd.grad(output.sum(), input,
 * create_graph=True)}, run as a tiny TorchScript module ({@code input_gradient.pt}, made by {@code
 * src/main/torchscript/make_input_gradient.py}) because DJL's JNI does not expose autograd.grad.
 *
 * <p>Why not DJL's {@code backward(..., createGraph=true)}: it accumulates graph-connected
 * gradients into every leaf's {@code .grad}, the input's included, and that forms a reference
 * cycle (leaf, gradient, graph, leaf) that native code never frees: several hundred KiB a
 * discriminator update, measured. {@code autograd.grad} returns the gradient without touching
 * any {@code .grad}, so nothing is kept past the step.
 */
final class PyTorchInputGradients implements InputGradients {

    private static final String RESOURCE = "input_gradient.pt";
    private static PtSymbolBlock module;
    // The module has no parameters; DJL's forward signature still asks for a store.
    private static final ParameterStore NO_PARAMETERS = new ParameterStore();

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            module = TorchScriptModules.load(PyTorchInputGradients.class, RESOURCE);
        }
        return module;
    }

    @Override
    public NDArray inputGradient(NDArray output, NDArray input) {
        // The graph executor's profiling passes are for inference; run the method as written.
        JniUtils.setGraphExecutorOptimize(false);
        NDList result =
                module().forward(NO_PARAMETERS, new NDList(output, input), true);
        return result.singletonOrThrow();
    }
}
