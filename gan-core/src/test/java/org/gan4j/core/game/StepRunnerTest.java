package org.gan4j.core.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.game.Game;
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
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.core.plugin.PluginCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's contract with games: an update trains its optimizer's networks and holds every
 * other network bit-identical, leaves no gradient behind, measures what it is asked to, and can
 * be undone by a snapshot; the runner refuses what a game must not do.
 */
class StepRunnerTest {

    private static final int N = 16;
    private NDManager manager;
    private GameNetworks networks;
    private GameOptimizers optimizers;

    /** A game of an MLP generator and discriminator whose step is given by the test. */
    private static final class ScriptedGame implements Game {
        private final List<Network> networks;
        Function<StepContext, StepResult> script = ctx -> StepResult.of(List.of());

        ScriptedGame(List<Network> networks) {
            this.networks = networks;
        }

        @Override
        public List<Network> networks() {
            return networks;
        }

        @Override
        public List<OptimizerSpec> optimizers() {
            AdamConfig adam = AdamConfig.of(1e-2, 0.5);
            return List.of(new OptimizerSpec("generator", List.of("generator"), adam),
                    new OptimizerSpec("discriminator", List.of("discriminator"), adam));
        }

        @Override
        public List<UpdateSpec> updates() {
            return List.of(new UpdateSpec("d", "discriminator"), new UpdateSpec("g", "generator"));
        }

        @Override
        public Product product() {
            return new Product("generator", List.of(ProductInput.normal("z", 4)), new Shape(2));
        }

        @Override
        public int batchesPerStep() {
            return 1;
        }

        @Override
        public StepResult step(StepContext step) {
            return script.apply(step);
        }
    }

    private ScriptedGame game;
    private AdversarialLoss loss;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(11);
        manager = NDManager.newBaseManager();
        PluginCatalog plugins = PluginCatalog.load(getClass().getClassLoader());
        ArchitectureProvider mlp = plugins.models().get("mlp");
        var nonSaturating = plugins.losses().get("non-saturating");
        loss = nonSaturating.create(Options.defaults("loss", nonSaturating));
        ModelSpec spec = new ModelSpec(4, new Shape(2), 0);
        Options options = Options.defaults("model", mlp);
        game = new ScriptedGame(List.of(
                new Network("generator", () -> mlp.create(spec, options).generator(), List.of(new Shape(N, 4))),
                new Network("discriminator", () -> mlp.create(spec, options).discriminator(), List.of(new Shape(N, 2)))));
        networks = new GameNetworks(game.networks(), manager);
        optimizers = new GameOptimizers(game.optimizers(), networks);
    }

    @AfterEach
    void tearDown() {
        optimizers.close();
        manager.close();
    }

    /** Runs one step of the scripted game on one batch of ring-like points. */
    private StepResult run(boolean measure, Function<StepContext, StepResult> script) {
        game.script = script;
        StepRunner runner = new StepRunner(game, networks, optimizers, new Shape(2), 7, 10);
        return runner.run(game, 1, batches(3), measure);
    }

    private static Iterator<SampleBatch> batches(int count) {
        List<SampleBatch> list = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] v = new float[N * 2];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.sin(i + 10 * b);
            }
            list.add(new SampleBatch(N, v, null));
        }
        return list.iterator();
    }

    private UpdateResult discriminatorUpdate(StepContext ctx) {
        NDArray z = ctx.normal(new Shape(N, 4), 1, 1);
        NDArray real = ctx.nextBatch().samples();
        return ctx.update("d", () -> {
            NDArray fake = ctx.forward("generator", new NDList(z)).singletonOrThrow();
            NDArray realScores = ctx.forward("discriminator", new NDList(real)).singletonOrThrow();
            NDArray fakeScores = ctx.forward("discriminator", new NDList(fake)).singletonOrThrow();
            return UpdateLoss.judged(loss.discriminatorLoss(realScores, fakeScores), realScores, fakeScores,
                    OptionalDouble.of(0));
        });
    }

    private UpdateResult generatorUpdate(StepContext ctx) {
        NDArray z = ctx.normal(new Shape(N, 4), 2, 1);
        return ctx.update("g", () -> UpdateLoss.of(loss.generatorLoss(ctx.forward("discriminator",
                ctx.forward("generator", new NDList(z))).singletonOrThrow())));
    }

    private float[][] weights(String role) {
        return networks.parameters(role).stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    private static void assertBitIdentical(float[][] before, float[][] after, String what) {
        for (int i = 0; i < before.length; i++) {
            int[] a = new int[before[i].length];
            int[] b = new int[after[i].length];
            for (int j = 0; j < a.length; j++) {
                a[j] = Float.floatToRawIntBits(before[i][j]);
                b[j] = Float.floatToRawIntBits(after[i][j]);
            }
            assertArrayEquals(a, b, what + " parameter " + i + " changed");
        }
    }

    private static boolean allChanged(float[][] before, float[][] after) {
        for (int i = 0; i < before.length; i++) {
            if (Arrays.equals(before[i], after[i])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void anUpdateTrainsItsOptimizersNetworksAndHoldsTheOthersBitIdentical() {
        float[][] g0 = weights("generator");
        float[][] d0 = weights("discriminator");
        run(false, ctx -> StepResult.of(List.of(discriminatorUpdate(ctx))));
        assertBitIdentical(g0, weights("generator"), "generator");
        assertTrue(allChanged(d0, weights("discriminator")), "every discriminator parameter moves");

        float[][] d1 = weights("discriminator");
        run(false, ctx -> StepResult.of(List.of(generatorUpdate(ctx))));
        assertBitIdentical(d1, weights("discriminator"), "discriminator");
        assertTrue(allChanged(g0, weights("generator")), "every generator parameter moves");
        // No gradient is left on the network held fixed for a later update to apply, and the
        // held network records gradients again once the update is over.
        for (Parameter p : networks.parameters("discriminator")) {
            NDArray grad = p.getArray().getGradient();
            assertFalse(grad.abs().sum().getFloat() > 0, "discriminator gradient after a generator update");
            grad.close();
            assertTrue(p.getArray().hasGradient(), p.getName() + " tracks gradients after the update");
        }
    }

    @Test
    void aMeasuredUpdateReportsItsGradientNormAndTheDiscriminatorsFigures() {
        StepResult measured = run(true, ctx -> StepResult.of(List.of(discriminatorUpdate(ctx), generatorUpdate(ctx))));
        UpdateResult d = measured.updates().get("d");
        assertTrue(d.gradientNorm() > 0 && Double.isFinite(d.gradientNorm()), "norm " + d.gradientNorm());
        assertNotNull(d.figures());
        assertTrue(d.figures().realAccuracy() >= 0 && d.figures().realAccuracy() <= 1);
        assertEquals(0, d.figures().threshold());
        UpdateResult g = measured.updates().get("g");
        assertTrue(g.gradientNorm() > 0, "generator norm " + g.gradientNorm());
        assertNull(g.figures(), "an update without scores has no figures");

        StepResult plain = run(false, ctx -> StepResult.of(List.of(discriminatorUpdate(ctx))));
        assertTrue(Double.isNaN(plain.updates().get("d").gradientNorm()));
        assertNull(plain.updates().get("d").figures());
        assertTrue(Double.isFinite(plain.updates().get("d").loss()));
    }

    @Test
    void aSnapshotUndoesLookAheadUpdatesExactly() {
        float[][] before = weights("discriminator");
        float[][][] once = new float[1][][];
        run(false, ctx -> {
            NDArray real = ctx.nextBatch().samples();
            NDArray z = ctx.normal(new Shape(N, 4), 1, 1);
            java.util.function.Supplier<UpdateResult> update = () -> ctx.update("d", () -> {
                NDArray fake = ctx.forward("generator", new NDList(z)).singletonOrThrow();
                return UpdateLoss.of(ctx.forward("discriminator", new NDList(real)).singletonOrThrow().neg()
                        .add(ctx.forward("discriminator", new NDList(fake)).singletonOrThrow()).mean());
            });
            try (Snapshot saved = ctx.snapshot("discriminator")) {
                update.get();
                once[0] = weights("discriminator");
                update.get();
                saved.restore();
                assertBitIdentical(before, weights("discriminator"), "restored discriminator");
            }
            // With Adam's moments and update count restored too, the same update lands on the same weights.
            update.get();
            assertBitIdentical(once[0], weights("discriminator"), "update after restore");
            return StepResult.of(List.of());
        });
    }

    @Test
    void theRunnerRefusesWhatAGameMustNotDo() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> run(false, ctx -> StepResult.of(List.of(ctx.update("e", () -> null)))));
        assertEquals("the game has no update 'e'; its updates: [d, g]", unknown.getMessage());
        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> run(false, ctx -> StepResult.of(List.of(ctx.update("d", () -> {
                    generatorUpdate(ctx);
                    return null;
                })))));
        assertEquals("update 'g' was started inside another update; updates do not nest", nested.getMessage());
        assertThrows(NoSuchElementException.class, () -> run(false, ctx -> {
            ctx.nextBatch();
            ctx.nextBatch();
            return StepResult.of(List.of());
        }));
        IllegalStateException outside = assertThrows(IllegalStateException.class, () -> run(false, ctx -> {
            NDArray x = ctx.requireGradient(ctx.normal(new Shape(2, 2), 3));
            ctx.inputGradient(x.sum(), x);
            return StepResult.of(List.of());
        }));
        assertTrue(outside.getMessage().startsWith("input gradients are taken inside an update"), outside.getMessage());
    }

    @Test
    void aNonFiniteLossIsADivergenceNamingTheStepAndTheOptimizer() {
        Diverged d = assertThrows(Diverged.class, () -> run(false, ctx -> {
            NDArray real = ctx.nextBatch().samples();
            return StepResult.of(List.of(ctx.update("d", () -> UpdateLoss.of(
                    ctx.forward("discriminator", new NDList(real)).singletonOrThrow().mean().div(0)))));
        }));
        assertEquals(1, d.step());
        assertTrue(d.getMessage().startsWith("training diverged at step 1: the discriminator loss is "), d.getMessage());
    }

    @Test
    void batchesAStepDoesNotReadAreSkippedSoTheNextStepStartsWhereItShould() {
        Iterator<SampleBatch> source = batches(3);
        game.script = ctx -> StepResult.of(List.of());
        StepRunner runner = new StepRunner(game, networks, optimizers, new Shape(2), 7, 10);
        runner.run(game, 1, source, false);
        assertTrue(source.hasNext());
        SampleBatch next = source.next();
        float[] expected = new float[N * 2];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) Math.sin(i + 10);
        }
        assertArrayEquals(expected, next.values(), "the step's unread batch was skipped");
    }
}
