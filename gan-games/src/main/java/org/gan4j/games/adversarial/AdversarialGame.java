package org.gan4j.games.adversarial;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.game.AdversarialPair;
import org.gan4j.api.game.Batch;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.GameSetup;
import org.gan4j.api.game.Network;
import org.gan4j.api.game.OptimizerSpec;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.Snapshot;
import org.gan4j.api.game.StepContext;
import org.gan4j.api.game.StepResult;
import org.gan4j.api.game.UpdateLoss;
import org.gan4j.api.game.UpdateResult;
import org.gan4j.api.game.UpdateSpec;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerContext;

/**
 * The adversarial game of one generator z(+label) -> x and one discriminator x(+label) -> score.
 * Each step makes k discriminator updates, each on a fresh real batch and fakes from the generator
 * held fixed, then one generator update back-propagated through the discriminator held fixed. With
 * unrolled steps (Metz et al. 2016, first-order surrogate) the discriminator is first updated
 * ahead on the step's last real batch, the generator trained against that, and the look-ahead
 * undone. Regularizers transform the discriminator's inputs in both updates and add their
 * penalties to its loss; the loss's constraint (weight clipping) follows each discriminator update.
 */
final class AdversarialGame implements Game {

    /** The generator's role, also the product. */
    static final String GENERATOR = "generator";
    /** The discriminator's role. */
    static final String DISCRIMINATOR = "discriminator";
    /** The discriminator's update. */
    static final String D = "d";
    /** The generator's update. */
    static final String G = "g";

    // Random streams, as coordinates of Seeds.stream(seed, stream, index...): the numbers gan4j
    // has always used, so that runs reproduce across versions.
    /** Noise and fake labels of the discriminator updates; index step * k + update. */
    static final long DISCRIMINATOR_STREAM = 1;
    /** Noise and fake labels of the generator update; index step. */
    static final long GENERATOR_STREAM = 2;
    /** Noise and fake labels of the look-ahead updates; index step * unrolled + update. */
    static final long UNROLLED_STREAM = 6;
    /** Regularizers' draws: (stream, step, update, draw). */
    static final long REGULARIZER_STREAM = 0x5245475553L; // "REGUS", as org.gan4j.core.engine.PenaltyContext
    /** The regularizers' update index of the generator update (discriminator updates count from 0). */
    private static final long GENERATOR_UPDATE_INDEX = -1;

    private final TrainConfig config;
    private final ModelSpec spec;
    private final AdversarialLoss loss;
    private final List<Regularizer> regularizers;
    private final OptionalDouble threshold;
    private final List<Network> networks;
    private final Product product;

    AdversarialGame(GameSetup setup) {
        this.config = setup.config();
        DataSpec data = setup.data();
        PluginChoice model = config.model();
        ArchitectureProvider arch = setup.architecture(model.name());
        if (arch.conditional() && data.numClasses() == 0) {
            throw new ConfigException("model '" + arch.name() + "' is conditional but dataset '" + config.dataset().name()
                    + "' has no labels; choose a labelled dataset (e.g. shapes, fashion-mnist) or an unconditional model");
        }
        // An unconditional model trains on a labelled dataset by ignoring the labels.
        this.spec = new ModelSpec(config.latentSize(), data.sampleShape(), arch.conditional() ? data.numClasses() : 0);
        String unsupported = arch.unsupportedReason(spec);
        if (unsupported != null) {
            throw new ConfigException(unsupported);
        }
        Options archOptions = setup.options(ArchitectureProvider.KIND, model);
        int multiple = arch.batchMultiple(archOptions);
        if (config.batchSize() % multiple != 0) {
            throw new ConfigException("model '" + arch.name() + "' needs batches that are a multiple of " + multiple
                    + " (its options: " + archOptions.asMap() + "); batchSize " + config.batchSize() + " is not");
        }
        this.loss = setup.loss(config.loss());
        List<Regularizer> all = new ArrayList<>(loss.builtInRegularizers());
        for (PluginChoice r : config.regularizers()) {
            all.add(setup.regularizer(r));
        }
        this.regularizers = List.copyOf(all);
        this.threshold = loss.decisionThreshold();
        int n = config.batchSize();
        Shape z = new Shape(n, spec.latentSize());
        Shape x = new Shape(n).addAll(spec.sampleShape());
        Shape labels = new Shape(n);
        this.networks = List.of(
                new Network(GENERATOR, () -> build(arch, archOptions).generator(),
                        spec.conditional() ? List.of(z, labels) : List.of(z)),
                new Network(DISCRIMINATOR, () -> build(arch, archOptions).discriminator(),
                        spec.conditional() ? List.of(x, labels) : List.of(x)));
        List<ProductInput> inputs = new ArrayList<>(List.of(ProductInput.normal("z", spec.latentSize())));
        if (spec.conditional()) {
            inputs.add(ProductInput.categorical("label", spec.numClasses()));
        }
        this.product = new Product(GENERATOR, inputs, spec.sampleShape());
    }

    private GanNetworks build(ArchitectureProvider arch, Options options) {
        return arch.create(spec, options);
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
        // An unrolled GAN's look-ahead updates are discriminator updates too; their results are not reported.
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
        int n = config.batchSize();
        int k = config.discriminatorSteps();
        long step = ctx.step();
        UpdateResult d = null;
        Batch last = null;
        for (int u = 0; u < k; u++) {
            Batch real = ctx.nextBatch();
            long index = step * k + u;
            d = discriminatorUpdate(ctx, D, real, DISCRIMINATOR_STREAM, index, u);
            last = real;
        }
        UpdateResult g;
        if (config.unrolledSteps() > 0) {
            // Unrolled GAN (Metz et al. 2016), first-order surrogate: update D ahead on the last real
            // batch, update G against that D, then undo D's look-ahead. No gradient flows through
            // the look-ahead updates themselves.
            try (Snapshot saved = ctx.snapshot(DISCRIMINATOR)) {
                for (int u = 0; u < config.unrolledSteps(); u++) {
                    discriminatorUpdate(ctx, D, last, UNROLLED_STREAM, step * config.unrolledSteps() + u, k + u);
                }
                g = generatorUpdate(ctx, last, n);
                saved.restore();
            }
        } else {
            g = generatorUpdate(ctx, last, n);
        }
        return StepResult.of(List.of(d, g));
    }

    /** A discriminator update on a real batch and fakes from the generator held fixed. */
    private UpdateResult discriminatorUpdate(
            StepContext ctx, String name, Batch real, long stream, long index, int update) {
        int n = config.batchSize();
        NDArray z = ctx.normal(new Shape(n, spec.latentSize()), stream, index);
        NDArray fakeLabels = fakeLabels(ctx, n, stream, index);
        // The fakes come from the generator held fixed, made before the update records anything:
        // its activations are released as soon as its output exists.
        NDArray fake;
        try (NDScope generator = new NDScope()) {
            generator.suppressNotUsedWarning();
            fake = ctx.forward(GENERATOR, inputs(z, fakeLabels)).singletonOrThrow().stopGradient();
            NDScope.unregister(fake);
        }
        NDScope.register(fake);
        UpdateResult result = ctx.update(name, () -> {
            Context context = new Context(ctx, update);
            context.real = transform(real.samples(), context);
            context.fake = transform(fake, context);
            context.realLabels = spec.conditional() ? real.labels() : null;
            context.fakeLabels = fakeLabels;
            NDArray realScores = context.score(context.real, context.realLabels);
            NDArray fakeScores = context.score(context.fake, fakeLabels);
            NDArray d = loss.discriminatorLoss(realScores, fakeScores);
            for (Regularizer r : regularizers) {
                NDArray penalty = r.discriminatorPenalty(context);
                if (penalty != null) {
                    d = d.add(penalty);
                }
            }
            return UpdateLoss.judged(d, realScores, fakeScores, threshold);
        });
        fake.close();
        loss.constrainDiscriminator(ctx.parameters(DISCRIMINATOR));
        return result;
    }

    /** The generator update, back-propagated through the discriminator held fixed. */
    private UpdateResult generatorUpdate(StepContext ctx, Batch real, int n) {
        long step = ctx.step();
        NDArray z = ctx.normal(new Shape(n, spec.latentSize()), GENERATOR_STREAM, step);
        NDArray labels = fakeLabels(ctx, n, GENERATOR_STREAM, step);
        return ctx.update(G, () -> {
            Context context = new Context(ctx, GENERATOR_UPDATE_INDEX);
            NDArray fake = transform(ctx.forward(GENERATOR, inputs(z, labels)).singletonOrThrow(), context);
            NDArray fakeScores = context.score(fake, labels);
            if (loss.generatorUsesRealScores()) {
                NDArray realLabels = spec.conditional() ? real.labels() : null;
                return UpdateLoss.of(loss.generatorLoss(fakeScores,
                        context.score(transform(real.samples(), context), realLabels)));
            }
            return UpdateLoss.of(loss.generatorLoss(fakeScores));
        });
    }

    private NDList inputs(NDArray x, NDArray labels) {
        return spec.conditional() ? new NDList(x, labels) : new NDList(x);
    }

    private NDArray fakeLabels(StepContext ctx, int n, long stream, long index) {
        return spec.conditional() ? ctx.labels(n, spec.numClasses(), stream, index, 1) : null;
    }

    private NDArray transform(NDArray x, Context context) {
        NDArray out = x;
        for (Regularizer r : regularizers) {
            out = r.discriminatorInput(out, context);
        }
        return out;
    }

    /**
     * What the regularizers of one update see. Their draws come from streams of (seed, step,
     * update, draw), so regularized runs reproduce exactly.
     */
    private final class Context implements RegularizerContext {
        private final StepContext ctx;
        private final long update;
        private long draws;
        NDArray real;
        NDArray fake;
        NDArray realLabels;
        NDArray fakeLabels;

        Context(StepContext ctx, long update) {
            this.ctx = ctx;
            this.update = update;
        }

        @Override
        public long step() {
            return ctx.step();
        }

        @Override
        public long totalSteps() {
            return ctx.totalSteps();
        }

        @Override
        public NDManager manager() {
            return ctx.manager();
        }

        @Override
        public NDArray real() {
            return real;
        }

        @Override
        public NDArray fake() {
            return fake;
        }

        @Override
        public NDArray realLabels() {
            return realLabels;
        }

        @Override
        public NDArray fakeLabels() {
            return fakeLabels;
        }

        @Override
        public List<Parameter> discriminatorParameters() {
            return ctx.parameters(DISCRIMINATOR);
        }

        @Override
        public NDArray score(NDArray x, NDArray labels) {
            return ctx.forward(DISCRIMINATOR, inputs(x, labels)).singletonOrThrow();
        }

        @Override
        public NDArray inputGradient(NDArray output, NDArray input) {
            return ctx.inputGradient(output, input);
        }

        @Override
        public NDArray requireGradient(NDArray x) {
            return ctx.requireGradient(x);
        }

        private SplittableRandom nextStream() {
            return ctx.random(REGULARIZER_STREAM, ctx.step(), update, draws++);
        }

        @Override
        public NDArray uniform(int count) {
            SplittableRandom r = nextStream();
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                v[i] = (float) r.nextDouble();
            }
            return ctx.manager().create(v);
        }

        @Override
        public NDArray normal(long... shape) {
            Shape s = new Shape(shape);
            SplittableRandom r = nextStream();
            float[] v = new float[Math.toIntExact(s.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return ctx.manager().create(v, s);
        }
    }
}
