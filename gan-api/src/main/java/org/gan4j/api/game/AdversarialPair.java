package org.gan4j.api.game;

import java.util.Objects;

/**
 * A generator and the discriminator that judges it, as the health monitor watches them: the
 * discriminator update's accuracy and scores on real and fake samples, both updates' losses and
 * gradient norms. A game names every pair it has (CycleGAN has two).
 *
 * @param name the pair's name, for people and for column prefixes when a game has several
 * @param generatorUpdate the name of the update that trains the generator
 * @param discriminatorUpdate the name of the update that trains the discriminator; its {@link
 *     UpdateLoss} carries the real and fake scores
 */
public record AdversarialPair(String name, String generatorUpdate, String discriminatorUpdate) {

    /** Requires every name. */
    public AdversarialPair {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(generatorUpdate, "generatorUpdate");
        Objects.requireNonNull(discriminatorUpdate, "discriminatorUpdate");
    }
}
