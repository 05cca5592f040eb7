/**
 * The game runtime (internal: games see it only through gan-api's
 * {@link org.gan4j.api.game.StepContext}): a game's networks built and initialized by role, its
 * optimizers, the step runner that makes each update with every other network held fixed, the
 * product's moving average and the sampler of the product.
 */
package org.gan4j.core.game;
