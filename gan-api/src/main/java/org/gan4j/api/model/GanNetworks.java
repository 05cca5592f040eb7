package org.gan4j.api.model;

import ai.djl.nn.Block;
import java.util.Objects;

/**
 * A generator and a discriminator built for one {@link ModelSpec}, not yet initialized.
 *
 * <p>Conventions, which the training loop and the exporter rely on:
 *
 * <ul>
 *   <li>The generator takes {@code NDList(z)} with z float32 [N, latentSize], plus a second
 *       array of int32 labels [N] when the spec is conditional, and returns {@code NDList(x)}
 *       with x [N, sampleShape...].
 *   <li>The discriminator takes {@code NDList(x)} (plus labels when conditional) and returns
 *       {@code NDList(scores)} with raw, unbounded scores (logits) of shape [N] or [N, 1].
 * </ul>
 *
 * @param generator the generator block
 * @param discriminator the discriminator block
 */
public record GanNetworks(Block generator, Block discriminator) {

    /** Requires both blocks. */
    public GanNetworks {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(discriminator, "discriminator");
    }
}
