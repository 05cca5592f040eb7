/**
 * The regularizer SPI (public API): transforms of the discriminator's inputs and penalties on its
 * loss, with the {@link org.gan4j.api.regularize.RegularizerContext} of one update (batches,
 * scores, second-order input gradients, seeded draws).
 */
package org.gan4j.api.regularize;
