package org.gan4j.api.game;

/**
 * Saved weights and optimizer moments of one optimizer's networks, to return to later: an
 * unrolled GAN (Metz et al. 2016) updates its discriminator ahead, trains the generator against
 * it, then undoes the look-ahead.
 */
public interface Snapshot extends AutoCloseable {

    /** Returns the networks and the optimizer to the saved state. */
    void restore();

    /** Releases the saved arrays. */
    @Override
    void close();
}
