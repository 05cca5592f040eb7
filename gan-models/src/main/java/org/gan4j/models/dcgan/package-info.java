/**
 * DCGAN (Radford et al. 2015) and its conditional form as architecture plugins (internal: used by
 * name, dcgan and cdcgan), with their layout at 28, 32 and 64 pixels.
 */
package org.gan4j.models.dcgan;
