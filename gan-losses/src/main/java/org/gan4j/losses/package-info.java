/**
 * The built-in losses and regularizers (internal: plugins used by name): minimax, non-saturating,
 * Wasserstein, WGAN-GP, least squares, hinge, relativistic; the gradient penalty, R1, instance
 * noise and discriminator weight decay.
 */
package org.gan4j.losses;
