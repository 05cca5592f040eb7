package org.gan4j.api.data;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a run's seed and a position (epoch, batch, step...).
 * Because each stream is a pure function of its coordinates, a run can be reproduced, or resumed
 * from any position, without saving any generator state.
 */
public final class Seeds {

    private Seeds() {}

    /**
     * A random stream for a seed and a position.
     *
     * @param seed the run's seed
     * @param coordinates where in the run the stream is used, e.g. (stream id, epoch, batch)
     * @return a new generator; equal arguments give equal sequences
     */
    public static SplittableRandom stream(long seed, long... coordinates) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        for (long c : coordinates) {
            h = mix(h ^ mix(c + 0x9E3779B97F4A7C15L));
        }
        return new SplittableRandom(h);
    }

    // The finalizer of SplitMix64 (Steele et al. 2014): a bijection with good avalanche.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
