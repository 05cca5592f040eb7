/**
 * Optimizers with state (public API): Adam over a fixed set of parameters, with PyTorch's rule,
 * libtorch's fused kernel on the PyTorch engine, and moments that can be saved, restored and
 * snapshotted, which DJL's optimizers cannot.
 */
package org.gan4j.core.optim;
