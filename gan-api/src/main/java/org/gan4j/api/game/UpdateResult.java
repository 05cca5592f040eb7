package org.gan4j.api.game;

/**
 * One finished update, as a value.
 *
 * @param update the update's name
 * @param loss its loss before the optimizer's step
 * @param gradientNorm the global L2 norm of the trained networks' gradients before the step, or
 *     NaN on steps the runtime does not measure
 * @param figures the discriminator's figures when the update gave scores and the step is
 *     measured, else null
 */
public record UpdateResult(String update, double loss, double gradientNorm, DiscriminatorFigures figures) {}
