package org.gan4j.api.game;

import java.util.List;
import java.util.Objects;

/**
 * What a game declared, as listeners see it: enough to lay out files and charts for any game.
 *
 * @param name the game plugin's name
 * @param updates its updates, in reporting order
 * @param pairs its generator/discriminator pairs
 * @param product its product network and inputs
 */
public record GameInfo(String name, List<UpdateSpec> updates, List<AdversarialPair> pairs, Product product) {

    /** Checks and copies. */
    public GameInfo {
        Objects.requireNonNull(name, "name");
        updates = List.copyOf(updates);
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(product, "product");
    }

    /**
     * The description of a game.
     *
     * @param name its plugin's name
     * @param game the game
     * @return the description
     */
    public static GameInfo of(String name, Game game) {
        return new GameInfo(name, game.updates(), game.pairs(), game.product());
    }

    /** @return the update names, in order */
    public List<String> updateNames() {
        return updates.stream().map(UpdateSpec::name).toList();
    }
}
