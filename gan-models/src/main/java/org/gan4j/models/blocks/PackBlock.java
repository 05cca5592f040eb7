package org.gan4j.models.blocks;

import ai.djl.ndarray.types.Shape;

/**
 * PacGAN's packing (Lin et al. 2018): joins each run of {@code pack} consecutive samples of a
 * batch into one, [N, ...] to [N / pack, pack * size], so that the discriminator judges several
 * samples at once and can see a lack of diversity, the signature of mode collapse. The batch size
 * must be a multiple of {@code pack}. Has no parameters.
 */
public final class PackBlock extends ShapeChangeBlock {

    private static final byte VERSION = 1;

    private final int pack;

    /**
     * Creates the block.
     *
     * @param pack samples joined into one discriminator input, at least 1
     */
    public PackBlock(int pack) {
        super(VERSION);
        if (pack < 1) {
            throw new IllegalArgumentException("pack must be at least 1, got " + pack);
        }
        this.pack = pack;
    }

    /** @return samples joined into one */
    public int pack() {
        return pack;
    }

    @Override
    Shape outputShape(Shape in) {
        long n = in.get(0);
        if (n % pack != 0) {
            throw new IllegalArgumentException("batch of " + n + " is not a multiple of pack " + pack);
        }
        return new Shape(n / pack, pack * (in.size() / n));
    }

    @Override
    public String toString() {
        return "Pack(" + pack + ")";
    }
}
