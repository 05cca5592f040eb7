package org.gan4j.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import org.gan4j.api.GanException;

/**
 * The one engine-specific operation gan4j needs: the gradient of an output with respect to an
 * input, kept differentiable so that a penalty built from it (WGAN-GP, R1) back-propagates to the
 * discriminator's weights. DJL's engine-neutral API has no such call; each engine supplies it
 * here.
 */
public interface InputGradients {

    /**
     * Computes {@code d sum(output) / d input} with the graph kept for a second differentiation.
     * Must not change any gradient the parameters hold: that would leak into the update.
     *
     * @param output an array computed from {@code input} while recording gradients
     * @param input a leaf array with gradient tracking on
     * @return the gradient, shaped like {@code input}, itself differentiable
     */
    NDArray inputGradient(NDArray output, NDArray input);

    /**
     * The implementation for an engine.
     *
     * @param engine the running engine
     * @return its implementation
     * @throws GanException if the engine has none
     */
    static InputGradients forEngine(Engine engine) {
        if ("PyTorch".equals(engine.getEngineName())) {
            return new PyTorchInputGradients();
        }
        throw new GanException(
                "engine " + engine.getEngineName()
                        + " cannot compute second-order gradients, which gradient penalties need; use the PyTorch engine");
    }
}
