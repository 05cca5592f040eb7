package org.gan4j.export.games;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.GameProvider;
import org.gan4j.api.game.GameSetup;
import org.gan4j.api.game.Network;
import org.gan4j.api.game.OptimizerSpec;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.StepContext;
import org.gan4j.api.game.StepResult;
import org.gan4j.api.game.UpdateLoss;
import org.gan4j.api.game.UpdateSpec;
import org.gan4j.models.blocks.ActivationBlock;

/**
 * The {@code translator} game: its product maps a real sample to its negative, {@code source ->
 * -source}, trained by least squares; an image-to-image product in miniature. Its one input is an
 * {@link ProductInput.Kind#IMAGE} named {@code source} of the data's shape. Images go through a 3x3
 * convolution and tanh, vectors through a linear layer.
 */
public final class TranslatorGameProvider implements GameProvider {

    /** The game's name. */
    public static final String NAME = "translator";
    /** The product's role. */
    public static final String PRODUCT = "translator";
    /** The product's input. */
    public static final String SOURCE = "source";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test game: a product that maps a real sample to its negative (an image input)";
    }

    @Override
    public Game create(GameSetup setup) {
        return new TranslatorGame(setup.config(), setup.data().sampleShape());
    }

    /** The network for samples of a shape. */
    static Block network(Shape sample) {
        if (sample.dimension() == 3) {
            return new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters((int) sample.get(0)).build())
                    .add(ActivationBlock.tanh());
        }
        return new SequentialBlock().add(Linear.builder().setUnits(sample.size()).build());
    }

    private static final class TranslatorGame implements Game {
        private final TrainConfig config;
        private final Shape sample;
        private final Product product;

        TranslatorGame(TrainConfig config, Shape sample) {
            this.config = config;
            this.sample = sample;
            this.product = new Product(PRODUCT, List.of(new ProductInput(SOURCE, ProductInput.Kind.IMAGE, sample, 0)),
                    sample);
        }

        @Override
        public List<Network> networks() {
            return List.of(new Network(PRODUCT, () -> network(sample),
                    List.of(new Shape(config.batchSize()).addAll(sample))));
        }

        @Override
        public List<OptimizerSpec> optimizers() {
            return List.of(new OptimizerSpec(PRODUCT, List.of(PRODUCT), config.generatorOptimizer()));
        }

        @Override
        public List<UpdateSpec> updates() {
            return List.of(new UpdateSpec("t", PRODUCT));
        }

        @Override
        public Product product() {
            return product;
        }

        @Override
        public int batchesPerStep() {
            return 1;
        }

        @Override
        public StepResult step(StepContext ctx) {
            NDArray x = ctx.nextBatch().samples();
            return StepResult.of(List.of(ctx.update("t", () -> {
                NDArray y = ctx.forward(PRODUCT, new NDList(x)).singletonOrThrow();
                return UpdateLoss.of(y.add(x).square().mean());
            })));
        }
    }
}
