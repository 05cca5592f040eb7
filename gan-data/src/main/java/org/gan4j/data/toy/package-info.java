/**
 * Toy datasets as plugins (used by name: ring, grid): PacGAN's mixtures of 2-D Gaussians, with
 * their known distribution for the toy metrics.
 */
package org.gan4j.data.toy;
