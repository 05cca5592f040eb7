package org.gan4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * libtorch's own {@code conv_transpose2d} on DJL's PyTorch engine, run as a tiny TorchScript
 * module ({@code conv_transpose2d.pt}, made by {@code src/main/torchscript/make_conv_transpose.py})
 * because DJL's JNI does not expose it. On a CPU libtorch hands it to oneDNN's deconvolution,
 * forward and backward, with no weight rearranging, pixel shuffle or crop around it: measured
 * at DCGAN-64's generator shapes, see docs/BENCHMARKS.md.
 *
 * <p>Only {@link TransposedConv2d} calls this, and only after checking that the arrays belong to
 * the PyTorch engine, so this class (and the optional pytorch-engine jar) is not loaded on other
 * engines.
 */
final class PyTorchTransposedConv {

    private static final String RESOURCE = "conv_transpose2d.pt";
    // The module has no parameters; DJL's forward signature still asks for a store.
    private static final ParameterStore NO_PARAMETERS = new ParameterStore();
    private static PtSymbolBlock module;

    private PyTorchTransposedConv() {}

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            try (InputStream in = PyTorchTransposedConv.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from gan-models' jar");
                }
                // Its own manager, never closed: the module is tiny and serves every block.
                PtNDManager owner = (PtNDManager) NDManager.newBaseManager();
                module = JniUtils.loadModule(owner, in, true, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + RESOURCE, e);
            }
        }
        return module;
    }

    /**
     * The transposed convolution of x by weight [Cin, Cout, kH, kW], with PyTorch's
     * ConvTranspose2d semantics; differentiable in x, weight and bias.
     *
     * @param x the input [N, Cin, H, W]
     * @param weight the kernel [Cin, Cout, kH, kW]
     * @param bias [Cout], or null
     * @param stride (sH, sW)
     * @param padding (pH, pW)
     * @param outputPadding (oH, oW)
     * @return the output [N, Cout, H_out, W_out]
     */
    static NDArray forward(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding, Shape outputPadding) {
        NDManager manager = x.getManager();
        NDArray geometry = manager.create(new long[] {
            stride.get(0), stride.get(1), padding.get(0), padding.get(1), outputPadding.get(0), outputPadding.get(1)
        });
        NDArray noBias = bias == null ? manager.create(new Shape(0), DataType.FLOAT32) : null;
        // The graph executor's profiling passes are for inference (and they turn the backward pass
        // into a differentiable subgraph that warns about a deprecated libtorch mode): run the
        // method as written. The same global switch as gan-core's input-gradient module sets.
        JniUtils.setGraphExecutorOptimize(false);
        NDList out = module().forward(NO_PARAMETERS, new NDList(x, weight, bias == null ? noBias : bias, geometry), true);
        geometry.close();
        if (noBias != null) {
            noBias.close();
        }
        return out.singletonOrThrow();
    }
}
