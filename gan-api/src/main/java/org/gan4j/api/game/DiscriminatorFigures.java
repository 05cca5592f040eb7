package org.gan4j.api.game;

/**
 * How a discriminator judged its batches in one update, as the health monitor reads it.
 *
 * @param realAccuracy share of the real batch scored above the threshold, in [0, 1]
 * @param fakeAccuracy share of the fake batch scored at or below it, in [0, 1]
 * @param realScore mean raw score (logit or critic value) of the real batch
 * @param fakeScore mean raw score of the fake batch
 * @param threshold the decision threshold used: the loss's, or the midpoint of the two means
 */
public record DiscriminatorFigures(
        double realAccuracy, double fakeAccuracy, double realScore, double fakeScore, double threshold) {}
