package com.example.gan;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.game.GameSetup;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;

/**
 * The setup gan4j gives the aux-head game, for tests that create it without gan4j's runtime: a
 * config, the game's options resolved from it, the data, and one loss.
 *
 * @param config the run's settings; its game options are the aux-head game's
 * @param data what the data look like
 * @param loss what {@link #loss} returns, whatever is asked for
 */
record TestGameSetup(TrainConfig config, DataSpec data, AdversarialLoss loss) implements GameSetup {

    /** The spiral with 3 arms, as gan4j describes it to a game. */
    static final DataSpec THREE_ARMS = new DataSpec(new Shape(2), 3, List.of("arm-0", "arm-1", "arm-2"));

    /** A setup with the plugin's f-GAN loss (Pearson χ²). */
    static TestGameSetup of(TrainConfig config, DataSpec data) {
        FGanLoss f = new FGanLoss();
        return new TestGameSetup(config, data, f.create(Options.defaults("loss", f)));
    }

    @Override
    public Options options() {
        return Options.resolve("game", new AuxiliaryHeadGameProvider(), config.game().options());
    }

    @Override
    public ArchitectureProvider architecture(String name) {
        throw new AssertionError("the game builds its own networks");
    }

    @Override
    public Options options(String kind, PluginChoice choice) {
        throw new AssertionError("the game reads no other plugin's options");
    }

    @Override
    public AdversarialLoss loss(PluginChoice choice) {
        return loss;
    }

    @Override
    public Regularizer regularizer(PluginChoice choice) {
        throw new AssertionError("the game applies no regularizers");
    }
}
