/**
 * The conditional GAN of Mirza and Osindero (2014) as an architecture plugin (internal: used by
 * name, cgan).
 */
package org.gan4j.models.cgan;
