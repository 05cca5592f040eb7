/**
 * What a training run tells its listeners (public API): the
 * {@link org.gan4j.api.train.TrainingListener} callbacks and their events as records (start, step
 * with its losses and measured figures, epoch with its metrics and samples, diagnosis,
 * divergence, end).
 */
package org.gan4j.api.train;
