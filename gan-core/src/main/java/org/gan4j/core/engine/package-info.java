/**
 * The engine seams (public API: {@link org.gan4j.core.engine.DjlEnvironment},
 * {@link org.gan4j.core.engine.PenaltyContext}, {@link org.gan4j.core.engine.InputGradients};
 * the rest internal): DJL set up offline on the configured device and thread count, the one
 * engine-specific operation gan4j needs (second-order input gradients, a TorchScript module on
 * PyTorch), host-to-engine uploads through one reused buffer, and the context that lets gan4j's
 * regularizers run in a DJL training loop of one's own.
 */
package org.gan4j.core.engine;
