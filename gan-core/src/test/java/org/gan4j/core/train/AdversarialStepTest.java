package org.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.core.optim.Adam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdversarialStepTest {

    private NDManager manager;
    private GanNetworkState nets;
    private AdversarialStep step;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(11);
        manager = NDManager.newBaseManager();
        PluginCatalog plugins = PluginCatalog.load(getClass().getClassLoader());
        var mlp = plugins.models().get("mlp");
        ModelSpec spec = new ModelSpec(4, new Shape(2), 0);
        GanNetworks built = mlp.create(spec, Options.defaults("model", mlp));
        nets = new GanNetworkState(spec, built, manager, 16);
        var lossPlugin = plugins.losses().get("non-saturating");
        AdversarialLoss loss = lossPlugin.create(Options.defaults("loss", lossPlugin));
        AdamConfig adam = AdamConfig.of(1e-2, 0.5);
        step =
                new AdversarialStep(
                        nets, loss, List.of(), new Adam(adam, nets.generatorParameters()),
                        new Adam(adam, nets.discriminatorParameters()), 11, 1);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private static float[][] snapshot(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
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
    void discriminatorUpdateLeavesTheGeneratorBitIdentical() {
        float[][] g0 = snapshot(nets.generatorParameters());
        float[][] d0 = snapshot(nets.discriminatorParameters());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray real = manager.randomNormal(new Shape(16, 2));
            step.updateDiscriminator(real, null, manager.randomNormal(new Shape(16, 4)), null, 1, 0);
        }
        assertBitIdentical(g0, snapshot(nets.generatorParameters()), "generator");
        assertTrue(allChanged(d0, snapshot(nets.discriminatorParameters())), "every discriminator parameter moves");
    }

    @Test
    void generatorUpdateLeavesTheDiscriminatorBitIdentical() {
        float[][] g0 = snapshot(nets.generatorParameters());
        float[][] d0 = snapshot(nets.discriminatorParameters());
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            step.updateGenerator(manager.randomNormal(new Shape(16, 4)), null, null, null, 1);
        }
        assertBitIdentical(d0, snapshot(nets.discriminatorParameters()), "discriminator");
        assertTrue(allChanged(g0, snapshot(nets.generatorParameters())), "every generator parameter moves");
        // And no gradient was left on the discriminator for a later update to apply.
        for (Parameter p : nets.discriminatorParameters()) {
            NDArray grad = p.getArray().getGradient();
            assertFalse(grad.abs().sum().getFloat() > 0, "discriminator gradient after a generator update");
            grad.close();
        }
    }

    @Test
    void discriminatorSnapshotUndoesLookAheadUpdatesExactly() {
        NDArray real = manager.randomNormal(new Shape(16, 2));
        NDArray z = manager.randomNormal(new Shape(16, 4));
        float[][] before = snapshot(nets.discriminatorParameters());
        float[][] once;
        try (AdversarialStep.DiscriminatorSnapshot saved = step.snapshotDiscriminator()) {
            step.updateDiscriminator(real, null, z, null, 1, 0);
            once = snapshot(nets.discriminatorParameters());
            step.updateDiscriminator(real, null, z, null, 1, 0);
            saved.restore();
            assertBitIdentical(before, snapshot(nets.discriminatorParameters()), "restored discriminator");
        }
        // With Adam's moments and step count restored too, the same update lands on the same weights.
        step.updateDiscriminator(real, null, z, null, 1, 0);
        assertBitIdentical(once, snapshot(nets.discriminatorParameters()), "update after restore");
    }
}
