/**
 * The architecture SPI (public API): a plugin that builds a generator and a discriminator for a
 * {@link org.gan4j.api.model.ModelSpec}, with its own recipe of settings and batch rule.
 */
package org.gan4j.api.model;
