package org.gan4j.core.autodiff;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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
            try (InputStream in = PyTorchInputGradients.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from gan-core's jar");
                }
                // Its own manager, never closed: the module is tiny and serves every run.
                PtNDManager owner = (PtNDManager) NDManager.newBaseManager();
                module = JniUtils.loadModule(owner, in, true, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + RESOURCE, e);
            }
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
