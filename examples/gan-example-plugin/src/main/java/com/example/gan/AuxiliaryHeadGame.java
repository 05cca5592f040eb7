package com.example.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.data.Noise;
import org.gan4j.api.game.AdversarialPair;
import org.gan4j.api.game.Batch;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.GameSetup;
import org.gan4j.api.game.Network;
import org.gan4j.api.game.OptimizerSpec;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.StepContext;
import org.gan4j.api.game.StepResult;
import org.gan4j.api.game.UpdateLoss;
import org.gan4j.api.game.UpdateResult;
import org.gan4j.api.game.UpdateSpec;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.plugin.Options;

/**
 * AC-GAN (Odena, Olah and Shlens 2017) on labelled vector data: a generator (z, class) -> x, and a
 * discriminator x -> (score, class logits) whose second head, the auxiliary classifier, says which
 * class a sample looks like. Each step makes k discriminator updates ({@code discriminatorSteps}),
 * each on a fresh real batch and fakes of uniformly drawn classes from the generator held fixed,
 * minimizing the run's adversarial loss on the scores plus {@code aux-weight} times the
 * cross-entropy of the class logits with the real batch's labels; then one generator update
 * through the discriminator held fixed, minimizing the adversarial loss plus {@code aux-weight}
 * times the cross-entropy of its fakes' logits with the classes it was asked for. So the generator
 * is rewarded for fakes the classifier puts in the class they were made for.
 *
 * <p>The paper trains the classifier on the fakes' classes too ({@code aux-on-fakes=true}). Here
 * that is not the default: a classifier that learns the fakes' classes can learn whatever
 * assignment of classes to regions the generator makes, and on the 3-armed spiral it let the
 * generator draw classes on other classes' arms, or collapse (docs/plugins.md, "Writing a game").
 *
 * <p>Both networks are MLPs built here from DJL blocks: the generator {@code OneHotConcat ->
 * [Linear -> LeakyReLU] x 2 -> Linear}, the discriminator {@code [Linear -> LeakyReLU] x 2 ->
 * Linear(1 + classes)}. The two heads are the columns of that last layer, the score first, which
 * is the same as two linear heads on one trunk. The product is the generator, with inputs {@code z}
 * and {@code label}; gan4j exports it as a conditional generator.
 *
 * <p>The game keeps nothing between steps: every draw is keyed by the step, so it has no state to
 * save in checkpoints.
 */
final class AuxiliaryHeadGame implements Game {

    /** The generator's role, also the product. */
    static final String GENERATOR = "generator";
    /** The discriminator's role. */
    static final String DISCRIMINATOR = "discriminator";
    /** The discriminator's update. */
    static final String D = "d";
    /** The generator's update. */
    static final String G = "g";

    /**
     * Noise and classes of the discriminator updates' fakes: (purpose, step * k + update) for z,
     * (purpose, step * k + update, 1) for the classes. A purpose of this game's own, so that its
     * draws are independent of gan4j's streams with the same seed.
     */
    static final long DISCRIMINATOR_DRAWS = Noise.purpose("aux-head/discriminator");
    /** Noise and classes of the generator update's fakes: (purpose, step) and (purpose, step, 1). */
    static final long GENERATOR_DRAWS = Noise.purpose("aux-head/generator");

    /** The LeakyReLU slope, as in DCGAN and most small GANs. */
    static final float SLOPE = 0.2f;
    /** Hidden layers of each network. */
    static final int LAYERS = 2;

    private final TrainConfig config;
    private final int latentSize;
    private final int sampleSize;
    private final int classes;
    private final int hidden;
    private final float auxWeight;
    private final boolean auxOnFakes;
    private final AdversarialLoss loss;
    private final List<Network> networks;
    private final Product product;

    AuxiliaryHeadGame(GameSetup setup) {
        this.config = setup.config();
        DataSpec data = setup.data();
        Options options = setup.options();
        this.hidden = options.getInt("hidden");
        if (hidden <= 0) {
            throw options.invalid("hidden", Integer.toString(hidden), "a positive integer");
        }
        this.auxWeight = (float) options.getNonNegativeDouble("aux-weight");
        this.auxOnFakes = options.getBoolean("aux-on-fakes");
        if (data.sampleShape().dimension() != 1) {
            throw new ConfigException("game 'aux-head' builds MLPs for vector data, not samples of shape "
                    + data.sampleShape() + "; use a vector dataset (e.g. --dataset spiral --dataset-opt arms=3)");
        }
        if (data.numClasses() == 0) {
            throw new ConfigException("game 'aux-head' trains its discriminator's auxiliary head on the dataset's"
                    + " labels, but dataset '" + config.dataset().name() + "' has none; use a labelled dataset"
                    + " (e.g. --dataset spiral --dataset-opt arms=3)");
        }
        if (config.unrolledSteps() > 0) {
            throw new ConfigException("game 'aux-head' has no unrolled look-ahead; drop --unrolled-steps"
                    + " (the adversarial game has one)");
        }
        this.loss = setup.loss(config.loss());
        // A regularizer scores samples through RegularizerContext.score, which knows nothing of this
        // discriminator's two heads; rather than guess, the game refuses them.
        if (!config.regularizers().isEmpty()) {
            throw new ConfigException("game 'aux-head' applies no regularizers; drop --regularizer "
                    + config.regularizers().get(0).name());
        }
        if (!loss.builtInRegularizers().isEmpty()) {
            throw new ConfigException("loss '" + config.loss().name() + "' brings a regularizer of its own, which"
                    + " game 'aux-head' does not apply; choose a loss without one (e.g. non-saturating, hinge, f-gan)");
        }
        this.latentSize = config.latentSize();
        this.sampleSize = Math.toIntExact(data.sampleShape().get(0));
        this.classes = data.numClasses();
        int n = config.batchSize();
        this.networks = List.of(
                new Network(GENERATOR, this::generator, List.of(new Shape(n, latentSize), new Shape(n))),
                new Network(DISCRIMINATOR, this::discriminator, List.of(new Shape(n, sampleSize))));
        this.product = new Product(GENERATOR,
                List.of(ProductInput.normal("z", latentSize), ProductInput.categorical("label", classes)),
                data.sampleShape());
    }

    /** (z, label) -> x. Every block has an ONNX converter: gan4j's for DJL's, this plugin's for OneHotConcat. */
    private Block generator() {
        SequentialBlock g = new SequentialBlock().add(new OneHotConcat(classes));
        for (int i = 0; i < LAYERS; i++) {
            g.add(Linear.builder().setUnits(hidden).build()).add(Activation.leakyReluBlock(SLOPE));
        }
        return g.add(Linear.builder().setUnits(sampleSize).build());
    }

    /** x -> [score, class logits...]: one output of 1 + classes columns. */
    private Block discriminator() {
        SequentialBlock d = new SequentialBlock();
        for (int i = 0; i < LAYERS; i++) {
            d.add(Linear.builder().setUnits(hidden).build()).add(Activation.leakyReluBlock(SLOPE));
        }
        return d.add(Linear.builder().setUnits(1 + classes).build());
    }

    @Override
    public List<Network> networks() {
        return networks;
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        return List.of(
                new OptimizerSpec(GENERATOR, List.of(GENERATOR), config.generatorOptimizer()),
                new OptimizerSpec(DISCRIMINATOR, List.of(DISCRIMINATOR), config.discriminatorOptimizer()));
    }

    @Override
    public List<UpdateSpec> updates() {
        return List.of(new UpdateSpec(D, DISCRIMINATOR), new UpdateSpec(G, GENERATOR));
    }

    @Override
    public List<AdversarialPair> pairs() {
        return List.of(new AdversarialPair("gan", G, D));
    }

    @Override
    public Product product() {
        return product;
    }

    @Override
    public int batchesPerStep() {
        return config.discriminatorSteps();
    }

    @Override
    public StepResult step(StepContext ctx) {
        int k = config.discriminatorSteps();
        UpdateResult d = null;
        Batch real = null;
        for (int u = 0; u < k; u++) {
            real = ctx.nextBatch();
            d = discriminatorUpdate(ctx, real, ctx.step() * k + u);
        }
        return StepResult.of(List.of(d, generatorUpdate(ctx, real)));
    }

    private UpdateResult discriminatorUpdate(StepContext ctx, Batch real, long index) {
        NDArray z = ctx.normal(new Shape(config.batchSize(), latentSize), DISCRIMINATOR_DRAWS, index);
        NDArray labels = ctx.labels(config.batchSize(), classes, DISCRIMINATOR_DRAWS, index, 1);
        UpdateResult result = ctx.update(D, () -> {
            // The generator is held fixed in this update: its fakes carry no gradient back to it.
            NDArray fake = ctx.forward(GENERATOR, new NDList(z, labels)).singletonOrThrow();
            Heads onReal = heads(ctx.forward(DISCRIMINATOR, new NDList(real.samples())).singletonOrThrow());
            Heads onFake = heads(ctx.forward(DISCRIMINATOR, new NDList(fake)).singletonOrThrow());
            NDArray objective = discriminatorObjective(loss, auxWeight, auxOnFakes, onReal, real.labels(), onFake, labels);
            return UpdateLoss.judged(objective, onReal.scores(), onFake.scores(), loss.decisionThreshold());
        });
        // Weight clipping, for losses that ask for it (the Wasserstein critic's).
        loss.constrainDiscriminator(ctx.parameters(DISCRIMINATOR));
        return result;
    }

    private UpdateResult generatorUpdate(StepContext ctx, Batch real) {
        long step = ctx.step();
        NDArray z = ctx.normal(new Shape(config.batchSize(), latentSize), GENERATOR_DRAWS, step);
        NDArray labels = ctx.labels(config.batchSize(), classes, GENERATOR_DRAWS, step, 1);
        return ctx.update(G, () -> {
            NDArray fake = ctx.forward(GENERATOR, new NDList(z, labels)).singletonOrThrow();
            Heads onFake = heads(ctx.forward(DISCRIMINATOR, new NDList(fake)).singletonOrThrow());
            // Relativistic losses compare the fakes with the step's last real batch.
            NDArray realScores = loss.generatorUsesRealScores()
                    ? heads(ctx.forward(DISCRIMINATOR, new NDList(real.samples())).singletonOrThrow()).scores()
                    : null;
            return UpdateLoss.of(generatorObjective(loss, auxWeight, onFake, labels, realScores));
        });
    }

    /**
     * The discriminator's two heads, as views of its one output.
     *
     * @param scores the adversarial scores [N, 1]
     * @param classLogits the auxiliary classifier's logits [N, classes]
     */
    record Heads(NDArray scores, NDArray classLogits) {}

    /**
     * Splits a discriminator output [N, 1 + classes] into its heads.
     *
     * @param output the output
     * @return column 0 as the scores, the rest as the class logits
     */
    static Heads heads(NDArray output) {
        NDList parts = output.split(new long[] {1}, 1);
        return new Heads(parts.get(0), parts.get(1));
    }

    /**
     * The mean cross-entropy of class logits with class indices: -mean log softmax(logits)[label].
     *
     * @param logits [N, classes]
     * @param labels int [N], each in [0, classes)
     * @return a scalar, differentiable in the logits
     */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int classes = Math.toIntExact(logits.getShape().get(1));
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(classes).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /**
     * The discriminator's objective: the adversarial loss of the scores plus {@code weight} times the
     * auxiliary head's cross-entropy on the real batch (its labels) and on the fakes (the classes
     * they were made for), as AC-GAN's discriminator maximizes the log-likelihood of both.
     *
     * @param loss the run's adversarial loss
     * @param weight the auxiliary loss's weight
     * @param real the heads on the real batch
     * @param realLabels the real batch's labels
     * @param fake the heads on the fakes
     * @param fakeLabels the fakes' classes
     * @return the scalar to minimize
     */
    static NDArray discriminatorObjective(AdversarialLoss loss, float weight, boolean onFakes, Heads real,
            NDArray realLabels, Heads fake, NDArray fakeLabels) {
        NDArray auxiliary = crossEntropy(real.classLogits(), realLabels);
        if (onFakes) {
            auxiliary = auxiliary.add(crossEntropy(fake.classLogits(), fakeLabels));
        }
        return loss.discriminatorLoss(real.scores(), fake.scores()).add(Constants.times(auxiliary, weight));
    }

    /**
     * The generator's objective: the adversarial loss of its fakes' scores plus {@code weight} times
     * the auxiliary head's cross-entropy of the fakes with the classes they were made for.
     *
     * @param loss the run's adversarial loss
     * @param weight the auxiliary loss's weight
     * @param fake the heads on the fakes
     * @param fakeLabels the fakes' classes
     * @param realScores the scores of a real batch for losses that compare (relativistic ones), else null
     * @return the scalar to minimize
     */
    static NDArray generatorObjective(
            AdversarialLoss loss, float weight, Heads fake, NDArray fakeLabels, NDArray realScores) {
        NDArray adversarial = realScores == null
                ? loss.generatorLoss(fake.scores())
                : loss.generatorLoss(fake.scores(), realScores);
        return adversarial.add(Constants.times(crossEntropy(fake.classLogits(), fakeLabels), weight));
    }
}
