/**
 * Evaluation during training (public API): an {@link org.gan4j.api.eval.Evaluation} given to the
 * trainer measures the product every epoch and names the main metric that picks the best
 * checkpoint. gan-eval provides gan4j's; the training module runs without any.
 */
package org.gan4j.api.eval;
