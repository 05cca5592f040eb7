package org.gan4j.api.data;

import java.util.SplittableRandom;

/**
 * Latent noise drawn on the host from streams derived from the run's seed, so that the noise of
 * any step is a function of (seed, purpose, step) alone: runs reproduce exactly, and a resumed run
 * draws what the uninterrupted one would have. The constants are the purposes gan4j's runtime and
 * built-in game use as the first coordinate of {@link Seeds#stream}; a game of its own should use
 * others (see {@link #purpose(String)}).
 */
public final class Noise {

    /** Stream for the discriminator updates' fakes. */
    public static final long DISCRIMINATOR = 1;
    /** Stream for the generator updates. */
    public static final long GENERATOR = 2;
    /** Stream for the fixed evaluation noise. */
    public static final long EVALUATION = 3;
    /** Stream for real evaluation samples drawn from a known distribution. */
    public static final long REAL_EVALUATION = 4;
    /** Stream for {@code gan sample}. */
    public static final long SAMPLING = 5;
    /** Stream for the look-ahead updates of unrolled GANs. */
    public static final long UNROLLED = 6;
    /** Purpose: the engine's own generator (dropout), reseeded at each step so that resumes are exact. */
    public static final long ENGINE = 7;

    private Noise() {}

    /**
     * A purpose of one's own, for a game's draws: a hash of a name, far from gan4j's small
     * constants.
     *
     * @param name e.g. "my-game/codes"
     * @return the stream's first coordinate
     */
    public static long purpose(String name) {
        return Seeds.stream(0x70757270L, name.hashCode(), name.length()).nextLong() | (1L << 62);
    }

    /**
     * Standard normal noise.
     *
     * @param seed the run's seed
     * @param stream what the noise is for, one of this class's constants
     * @param index the step or another position in the stream
     * @param count how many latent vectors
     * @param latentSize the length of each
     * @return {@code count * latentSize} values, row-major
     */
    public static float[] normal(long seed, long stream, long index, int count, int latentSize) {
        SplittableRandom random = Seeds.stream(seed, stream, index);
        float[] z = new float[Math.multiplyExact(count, latentSize)];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return z;
    }
}
