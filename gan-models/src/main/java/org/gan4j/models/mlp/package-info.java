/**
 * The MLP GAN of Goodfellow et al. (2014) for vector data, with PacGAN's packing, as an
 * architecture plugin (internal: used by name, mlp).
 */
package org.gan4j.models.mlp;
