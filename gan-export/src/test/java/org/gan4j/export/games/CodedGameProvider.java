package org.gan4j.export.games;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.data.Noise;
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
import org.gan4j.models.blocks.ReshapeBlock;

/**
 * The {@code coded} game: its product takes the inputs of an InfoGAN-like generator, {@code z}
 * (normal), {@code code} (two uniform values), {@code label} (the data's classes, when it has
 * some) and {@code style} (a categorical code of 2 classes), joined by {@link JoinInputs}, then a
 * linear layer, tanh for images, reshaped to a sample. It is trained to reproduce real samples by
 * least squares, which makes it learn their mean: enough for tests of export and sampling.
 */
public final class CodedGameProvider implements GameProvider {

    /** The game's name. */
    public static final String NAME = "coded";
    /** The product's role. */
    public static final String PRODUCT = "generator";
    /** The classes of the categorical code. */
    public static final int STYLES = 2;

    private static final long CODES = Noise.purpose("coded/codes");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test game: a product of noise, a uniform code, the label and a categorical code";
    }

    @Override
    public Game create(GameSetup setup) {
        return new CodedGame(setup.config(), setup.data());
    }

    private static final class CodedGame implements Game {
        private final TrainConfig config;
        private final Shape sample;
        private final Product product;
        private final int[] classes;

        CodedGame(TrainConfig config, DataSpec data) {
            this.config = config;
            this.sample = data.sampleShape();
            List<ProductInput> inputs = new ArrayList<>(List.of(
                    ProductInput.normal("z", config.latentSize()),
                    new ProductInput("code", ProductInput.Kind.UNIFORM, new Shape(2), 0)));
            if (data.numClasses() > 0) {
                inputs.add(ProductInput.categorical("label", data.numClasses()));
            }
            inputs.add(ProductInput.categorical("style", STYLES));
            this.product = new Product(PRODUCT, inputs, sample);
            this.classes = inputs.stream().mapToInt(ProductInput::classes).toArray();
        }

        private Block network() {
            SequentialBlock b = new SequentialBlock().add(new JoinInputs(classes))
                    .add(Linear.builder().setUnits(sample.size()).build());
            if (sample.dimension() == 3) {
                b.add(ActivationBlock.tanh()).add(new ReshapeBlock(sample));
            }
            return b;
        }

        @Override
        public List<Network> networks() {
            int n = config.batchSize();
            List<Shape> shapes = new ArrayList<>();
            for (ProductInput in : product.inputs()) {
                shapes.add(new Shape(n).addAll(in.shape()));
            }
            return List.of(new Network(PRODUCT, this::network, shapes));
        }

        @Override
        public List<OptimizerSpec> optimizers() {
            return List.of(new OptimizerSpec(PRODUCT, List.of(PRODUCT), config.generatorOptimizer()));
        }

        @Override
        public List<UpdateSpec> updates() {
            return List.of(new UpdateSpec("g", PRODUCT));
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
            int n = config.batchSize();
            NDArray real = ctx.nextBatch().samples();
            NDList in = new NDList();
            for (int i = 0; i < product.inputs().size(); i++) {
                ProductInput input = product.inputs().get(i);
                switch (input.kind()) {
                    case NORMAL -> in.add(ctx.normal(new Shape(n).addAll(input.shape()), CODES, ctx.step(), i));
                    case UNIFORM -> {
                        SplittableRandom r = ctx.random(CODES, ctx.step(), i);
                        float[] v = new float[n * input.size()];
                        for (int j = 0; j < v.length; j++) {
                            v[j] = (float) (2 * r.nextDouble() - 1);
                        }
                        in.add(ctx.manager().create(v, new Shape(n).addAll(input.shape())));
                    }
                    default -> in.add(ctx.labels(n, input.classes(), CODES, ctx.step(), i));
                }
            }
            return StepResult.of(List.of(ctx.update("g", () -> {
                NDArray y = ctx.forward(PRODUCT, in).singletonOrThrow();
                return UpdateLoss.of(y.sub(real).square().mean());
            })));
        }
    }
}
