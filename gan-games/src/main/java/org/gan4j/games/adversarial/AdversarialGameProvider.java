package org.gan4j.games.adversarial;

import org.gan4j.api.game.Game;
import org.gan4j.api.game.GameProvider;
import org.gan4j.api.game.GameSetup;

/**
 * The {@code adversarial} game: GAN training as Goodfellow et al. (2014) give it in Algorithm 1,
 * with the options gan4j's settings name: k discriminator updates a step ({@code
 * discriminatorSteps}), unrolled look-ahead ({@code unrolledSteps}), any loss and regularizers, and
 * any architecture plugin's generator and discriminator (conditional ones included).
 */
public final class AdversarialGameProvider implements GameProvider {

    /** The game's name. */
    public static final String NAME = "adversarial";

    /** For ServiceLoader. */
    public AdversarialGameProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GAN training (Goodfellow et al. 2014): k discriminator updates, then one generator update;"
                + " unrolled look-ahead optional";
    }

    @Override
    public Game create(GameSetup setup) {
        return new AdversarialGame(setup);
    }
}
