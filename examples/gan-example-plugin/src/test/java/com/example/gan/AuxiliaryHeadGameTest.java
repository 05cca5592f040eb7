package com.example.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.data.Noise;
import org.gan4j.api.game.AdversarialPair;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.Network;
import org.gan4j.api.game.OptimizerSpec;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.UpdateSpec;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.junit.jupiter.api.Test;

/** The aux-head game's declarations, refusals and objectives against hand-worked values. */
class AuxiliaryHeadGameTest {

    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);

    private static final DataSpec THREE_ARMS = TestGameSetup.THREE_ARMS;

    private static TrainConfig.Builder config(Map<String, String> gameOptions) {
        return TrainConfig.builder().game(new PluginChoice("aux-head", gameOptions)).loss(PluginChoice.of("f-gan"))
                .dataset(PluginChoice.of("spiral")).latentSize(5).batchSize(4).discriminatorSteps(2)
                .generatorOptimizer(AdamConfig.of(1e-3, 0.5)).discriminatorOptimizer(AdamConfig.of(2e-4, 0.9));
    }

    private static Game game(TrainConfig config, DataSpec data) {
        return new AuxiliaryHeadGameProvider().create(TestGameSetup.of(config, data));
    }

    @Test
    void declaresTwoNetworksTheirOptimizersAndAConditionalProduct() {
        TrainConfig config = config(Map.of("hidden", "7")).build();
        Game game = game(config, THREE_ARMS);
        assertEquals(List.of("generator", "discriminator"), game.networks().stream().map(Network::role).toList());
        assertEquals(List.of(new Shape(4, 5), new Shape(4)), game.networks().get(0).inputShapes());
        assertEquals(List.of(new Shape(4, 2)), game.networks().get(1).inputShapes());
        assertEquals(List.of(
                new OptimizerSpec("generator", List.of("generator"), config.generatorOptimizer()),
                new OptimizerSpec("discriminator", List.of("discriminator"), config.discriminatorOptimizer())),
                game.optimizers());
        assertEquals(List.of(new UpdateSpec("d", "discriminator"), new UpdateSpec("g", "generator")), game.updates());
        assertEquals(List.of(new AdversarialPair("gan", "g", "d")), game.pairs());
        assertEquals(2, game.batchesPerStep(), "one real batch for each discriminator update");
        assertEquals("generator", game.product().network());
        assertEquals(List.of(ProductInput.normal("z", 5), ProductInput.categorical("label", 3)),
                game.product().inputs());
        assertEquals(new Shape(2), game.product().outputShape());
        assertEquals(0, game.saveState(null).size(), "no state: every draw is keyed by the step");

        // The factories build what the declarations say, a fresh block each call.
        Network g = game.networks().get(0);
        Network d = game.networks().get(1);
        assertNotSame(g.factory().get(), g.factory().get());
        try (NDManager m = NDManager.newBaseManager()) {
            Block generator = g.factory().get();
            generator.initialize(m, DataType.FLOAT32, g.inputShapes().toArray(Shape[]::new));
            Block discriminator = d.factory().get();
            discriminator.initialize(m, DataType.FLOAT32, d.inputShapes().toArray(Shape[]::new));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = generator.forward(ps, new NDList(m.randomNormal(new Shape(4, 5)),
                    m.create(new int[] {0, 1, 2, 0})), false).singletonOrThrow();
            assertEquals(new Shape(4, 2), x.getShape());
            NDArray out = discriminator.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(4, 4), out.getShape(), "one score and 3 class logits a sample");
            // Hidden widths from the option: the first Linear of each network has 7 units.
            assertEquals(new Shape(7, 5 + 3), generator.getChildren().get(1).getValue().getParameters()
                    .get("weight").getArray().getShape());
            assertEquals(new Shape(7, 2), discriminator.getChildren().get(0).getValue().getParameters()
                    .get("weight").getArray().getShape());
        }
    }

    @Test
    void drawsWithPurposesOfItsOwn() {
        for (long purpose : new long[] {AuxiliaryHeadGame.DISCRIMINATOR_DRAWS, AuxiliaryHeadGame.GENERATOR_DRAWS}) {
            for (long gan4j : new long[] {Noise.DISCRIMINATOR, Noise.GENERATOR, Noise.EVALUATION,
                    Noise.REAL_EVALUATION, Noise.SAMPLING, Noise.UNROLLED, Noise.ENGINE}) {
                assertNotEquals(gan4j, purpose);
            }
        }
        assertNotEquals(AuxiliaryHeadGame.DISCRIMINATOR_DRAWS, AuxiliaryHeadGame.GENERATOR_DRAWS);
    }

    @Test
    void refusesWhatItCannotTrainInOneLine() {
        DataSpec unlabelled = new DataSpec(new Shape(2), 0, List.of());
        assertEquals("game 'aux-head' trains its discriminator's auxiliary head on the dataset's labels, but dataset"
                        + " 'spiral' has none; use a labelled dataset (e.g. --dataset spiral --dataset-opt arms=3)",
                assertThrows(ConfigException.class, () -> game(config(Map.of()).build(), unlabelled)).getMessage());
        DataSpec images = new DataSpec(new Shape(1, 28, 28), 10, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        assertEquals("game 'aux-head' builds MLPs for vector data, not samples of shape (1, 28, 28); use a vector"
                        + " dataset (e.g. --dataset spiral --dataset-opt arms=3)",
                assertThrows(ConfigException.class, () -> game(config(Map.of()).build(), images)).getMessage());
        assertEquals("game 'aux-head' has no unrolled look-ahead; drop --unrolled-steps (the adversarial game has one)",
                assertThrows(ConfigException.class,
                        () -> game(config(Map.of()).unrolledSteps(3).build(), THREE_ARMS)).getMessage());
        assertEquals("game 'aux-head' applies no regularizers; drop --regularizer r1",
                assertThrows(ConfigException.class, () -> game(config(Map.of())
                        .regularizers(List.of(PluginChoice.of("r1"))).build(), THREE_ARMS)).getMessage());
        AdversarialLoss withPenalty = new AdversarialLoss() {
            @Override
            public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
                return realScores;
            }

            @Override
            public NDArray generatorLoss(NDArray fakeScores) {
                return fakeScores;
            }

            @Override
            public List<Regularizer> builtInRegularizers() {
                return List.of(new Regularizer() {});
            }
        };
        TrainConfig gp = config(Map.of()).loss(PluginChoice.of("wgan-gp")).build();
        assertEquals("loss 'wgan-gp' brings a regularizer of its own, which game 'aux-head' does not apply; choose a"
                        + " loss without one (e.g. non-saturating, hinge, f-gan)",
                assertThrows(ConfigException.class, () -> new AuxiliaryHeadGameProvider()
                        .create(new TestGameSetup(gp, THREE_ARMS, withPenalty))).getMessage());
        assertEquals("game 'aux-head' option 'hidden' must be a positive integer, got '0'",
                assertThrows(ConfigException.class,
                        () -> game(config(Map.of("hidden", "0")).build(), THREE_ARMS)).getMessage());
        assertEquals("game 'aux-head' option 'aux-weight' must be 0 or positive, got '-1'",
                assertThrows(ConfigException.class,
                        () -> game(config(Map.of("aux-weight", "-1")).build(), THREE_ARMS)).getMessage());
    }

    @Test
    void crossEntropyIsMinusTheMeanLogSoftmaxOfTheLabelAndDifferentiable() {
        try (NDManager m = NDManager.newBaseManager()) {
            float l3 = (float) LN3;
            // The label's softmax probability: 1/3 (equal logits), 3/5 (its logit ln 3 against 0, 0),
            // 1/5 (another's ln 3), 3/5 again with the label last.
            NDArray logits = m.create(new float[] {0, 0, 0, l3, 0, 0, 0, l3, 0, 0, 0, l3}, new Shape(4, 3));
            NDArray labels = m.create(new int[] {0, 0, 0, 2});
            double expected = (LN3 + Math.log(5.0 / 3) + Math.log(5) + Math.log(5.0 / 3)) / 4;
            assertEquals(expected, AuxiliaryHeadGame.crossEntropy(logits, labels).getFloat(), 1e-6);

            // d/dlogits = (softmax - one-hot) / N: the loss back-propagates into the head.
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(AuxiliaryHeadGame.crossEntropy(logits, labels));
            }
            float[] grad = logits.getGradient().toFloatArray();
            assertArrayEquals(new float[] {-2f / 3 / 4, 1f / 3 / 4, 1f / 3 / 4, -0.4f / 4, 0.2f / 4, 0.2f / 4},
                    java.util.Arrays.copyOf(grad, 6), 1e-6f);
        }
    }

    @Test
    void objectivesAddTheWeightedAuxiliaryLossToTheAdversarialOne() {
        FGanLoss f = new FGanLoss();
        AdversarialLoss pearson = f.create(Options.defaults("loss", f));
        try (NDManager m = NDManager.newBaseManager()) {
            // Two samples, two classes; column 0 the score, then the class logits.
            AuxiliaryHeadGame.Heads real = AuxiliaryHeadGame.heads(
                    m.create(new float[] {1, 0, 0, 2, (float) LN3, 0}, new Shape(2, 3)));
            AuxiliaryHeadGame.Heads fake = AuxiliaryHeadGame.heads(
                    m.create(new float[] {0.5f, 0, (float) LN3, -1, 0, 0}, new Shape(2, 3)));
            assertEquals(new Shape(2, 1), real.scores().getShape());
            assertEquals(new Shape(2, 2), real.classLogits().getShape());
            NDArray realLabels = m.create(new int[] {1, 0});
            NDArray fakeLabels = m.create(new int[] {0, 1});
            // Pearson χ²: D minimizes mean(v_f²/4 + v_f) - mean(v_r); G minimizes -mean(v_f).
            double dAdversarial = ((0.0625 + 0.5) + (0.25 - 1)) / 2 - 1.5;
            double gAdversarial = 0.25;
            double realCe = (LN2 + Math.log(4.0 / 3)) / 2; // label 1 at equal odds; label 0 at 3:1
            double fakeCe = (Math.log(4) + LN2) / 2; // label 0 at 1:3; label 1 at equal odds
            assertEquals(dAdversarial + 0.5 * realCe, AuxiliaryHeadGame.discriminatorObjective(
                    pearson, 0.5f, false, real, realLabels, fake, fakeLabels).getFloat(), 1e-6);
            assertEquals(dAdversarial + 0.5 * (realCe + fakeCe), AuxiliaryHeadGame.discriminatorObjective(
                    pearson, 0.5f, true, real, realLabels, fake, fakeLabels).getFloat(), 1e-6);
            assertEquals(dAdversarial, AuxiliaryHeadGame.discriminatorObjective(
                    pearson, 0f, true, real, realLabels, fake, fakeLabels).getFloat(), 1e-6);
            assertEquals(gAdversarial + 2 * fakeCe, AuxiliaryHeadGame.generatorObjective(
                    pearson, 2f, fake, fakeLabels, null).getFloat(), 1e-6);
        }
    }

    @Test
    void oneHotConcatJoinsTheLabelsOneHot() {
        try (NDManager m = NDManager.newBaseManager()) {
            OneHotConcat block = new OneHotConcat(3);
            block.initialize(m, DataType.FLOAT32, new Shape(2, 2), new Shape(2));
            NDArray y = block.forward(new ParameterStore(m, false),
                    new NDList(m.create(new float[] {0.5f, -1, 2, 3}, new Shape(2, 2)), m.create(new int[] {2, 0})),
                    false).singletonOrThrow();
            assertEquals(new Shape(2, 5), y.getShape());
            assertArrayEquals(new float[] {0.5f, -1, 0, 0, 1, 2, 3, 1, 0, 0}, y.toFloatArray());
            assertEquals(new Shape(2, 5), block.getOutputShapes(new Shape[] {new Shape(2, 2), new Shape(2)})[0]);
        }
        assertEquals("OneHotConcat needs at least 1 class, got 0",
                assertThrows(IllegalArgumentException.class, () -> new OneHotConcat(0)).getMessage());
    }
}
