/**
 * The loss SPI (public API): an adversarial loss is two pure functions of the discriminator's
 * scores, plus what it needs from a game (real scores in the generator update, a constraint, a
 * built-in regularizer, a preferred number of discriminator steps, a decision threshold).
 */
package org.gan4j.api.loss;
