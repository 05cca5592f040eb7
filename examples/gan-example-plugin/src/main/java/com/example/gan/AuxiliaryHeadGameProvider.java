package com.example.gan;

import java.util.List;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.GameProvider;
import org.gan4j.api.game.GameSetup;
import org.gan4j.api.plugin.OptionSpec;

/**
 * The {@code aux-head} game: AC-GAN (Odena, Olah and Shlens 2017), a class-conditional generator
 * and a discriminator with an auxiliary head that classifies samples, on labelled vector data such
 * as {@code --dataset spiral --dataset-opt arms=3}. See {@link AuxiliaryHeadGame}.
 */
public final class AuxiliaryHeadGameProvider implements GameProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("hidden", "64", "units of each of the two hidden layers, in both networks"),
            new OptionSpec("aux-weight", "1", "weight of the auxiliary head's cross-entropy in both updates (0 or more)"),
            new OptionSpec("aux-on-fakes", "false", "also train the auxiliary head on the fakes' classes, as the paper does"));

    /** For ServiceLoader. */
    public AuxiliaryHeadGameProvider() {}

    @Override
    public String name() {
        return "aux-head";
    }

    @Override
    public String description() {
        return "example plugin: AC-GAN (Odena et al. 2017), a class-conditional G and a D with an auxiliary"
                + " classifier head, for labelled vector data";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Game create(GameSetup setup) {
        return new AuxiliaryHeadGame(setup);
    }
}
