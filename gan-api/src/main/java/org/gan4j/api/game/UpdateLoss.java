package org.gan4j.api.game;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What an update's body computes: the scalar loss to back-propagate and, for a discriminator's
 * update, the raw scores of its real and fake batches with the score above which a sample counts
 * as judged real, from which the runtime measures the discriminator's accuracy for the health
 * monitor.
 *
 * @param loss the scalar to minimize, recorded with gradients
 * @param realScores the discriminator's scores of the real batch, or null
 * @param fakeScores its scores of the fake batch, or null
 * @param threshold the decision threshold ({@link
 *     org.gan4j.api.loss.AdversarialLoss#decisionThreshold()}); empty for the midpoint of the two
 *     mean scores
 */
public record UpdateLoss(NDArray loss, NDArray realScores, NDArray fakeScores, OptionalDouble threshold) {

    /** Requires the loss, and both scores or neither. */
    public UpdateLoss {
        Objects.requireNonNull(loss, "loss");
        if ((realScores == null) != (fakeScores == null)) {
            throw new IllegalArgumentException("give both the real and the fake scores, or neither");
        }
        threshold = threshold == null ? OptionalDouble.empty() : threshold;
    }

    /**
     * A loss alone, e.g. a generator's.
     *
     * @param loss the scalar
     * @return the update's loss
     */
    public static UpdateLoss of(NDArray loss) {
        return new UpdateLoss(loss, null, null, OptionalDouble.empty());
    }

    /**
     * A discriminator's loss with the scores it was computed from.
     *
     * @param loss the scalar
     * @param realScores scores of the real batch
     * @param fakeScores scores of the fake batch
     * @param threshold the loss's decision threshold, or empty
     * @return the update's loss
     */
    public static UpdateLoss judged(NDArray loss, NDArray realScores, NDArray fakeScores, OptionalDouble threshold) {
        return new UpdateLoss(loss, realScores, fakeScores, threshold);
    }
}
