/**
 * Training (public API: {@link org.gan4j.core.train.GanTrainer} and its builder,
 * {@link org.gan4j.core.train.TrainedGan}, {@link org.gan4j.core.train.TrainedModel},
 * {@link org.gan4j.core.train.TrainingModule}, {@link org.gan4j.core.train.RunFiles},
 * {@link org.gan4j.core.train.LearningRateSchedule}, {@link org.gan4j.core.train.TrainLog},
 * {@link org.gan4j.core.train.RunText}; the session, loop and policies are internal): a run set up
 * once from its resolved settings, the loop over epochs and steps of any game, checkpoint and
 * divergence policies, learning-rate schedules, and the trained model returned in memory.
 */
package org.gan4j.core.train;
