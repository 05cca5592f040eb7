package com.example.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.junit.jupiter.api.Test;

/** The example's pieces against plain arithmetic. */
class ExamplePluginPiecesTest {

    @Test
    void snakeComputesXPlusSinSquaredOverAlpha() {
        try (NDManager m = NDManager.newBaseManager()) {
            Snake snake = new Snake(1.5f);
            snake.initialize(m, DataType.FLOAT32, new Shape(2, 2));
            float[] x = {-1f, 0.5f, 2f, -3f};
            NDArray y = snake.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(2, 2))), false)
                    .singletonOrThrow();
            float[] expected = new float[4];
            for (int i = 0; i < 4; i++) {
                double s = Math.sin(1.5 * x[i]);
                expected[i] = (float) (x[i] + s * s / (1.5 + Snake.EPSILON));
            }
            assertArrayEquals(expected, y.toFloatArray(), 1e-6f);
            assertEquals(new Shape(2), snake.getParameters().get("alpha").getArray().getShape());
        }
        assertEquals("Snake's initial alpha must be a positive number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Snake(0f)).getMessage());
    }

    @Test
    void fGanLossesFollowTheirFormulas() {
        FGanLoss provider = new FGanLoss();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(new float[] {1f, 2f});
            NDArray fake = m.create(new float[] {0.5f, -1f});
            AdversarialLoss pearson = provider.create(Options.defaults("loss", provider));
            // -(E[v_r] - E[v_f^2/4 + v_f]); the generator: -E[v_f].
            double d = ((0.0625 + 0.5) + (0.25 - 1)) / 2 - 1.5;
            assertEquals(d, pearson.discriminatorLoss(real, fake).getFloat(), 1e-6);
            assertEquals(0.25, pearson.generatorLoss(fake).getFloat(), 1e-6);

            AdversarialLoss hellinger = provider.create(Options.resolve("loss", provider, Map.of("divergence", "hellinger")));
            double h = ((Math.exp(0.5) - 1) + (Math.exp(-1) - 1)) / 2 - ((1 - Math.exp(-1)) + (1 - Math.exp(-2))) / 2;
            assertEquals(h, hellinger.discriminatorLoss(real, fake).getFloat(), 1e-6);
            assertEquals(-((1 - Math.exp(-0.5)) + (1 - Math.exp(1))) / 2, hellinger.generatorLoss(fake).getFloat(), 1e-5);

            AdversarialLoss tv = provider.create(Options.resolve("loss", provider, Map.of("divergence", "total-variation")));
            double t = (Math.tanh(0.5) + Math.tanh(-1)) / 4 - (Math.tanh(1) + Math.tanh(2)) / 4;
            assertEquals(t, tv.discriminatorLoss(real, fake).getFloat(), 1e-6);
        }
        assertEquals("loss 'f-gan' option 'divergence' must be pearson, total-variation or hellinger, got 'kl'",
                assertThrows(ConfigException.class,
                        () -> provider.create(Options.resolve("loss", provider, Map.of("divergence", "kl"))))
                        .getMessage());
    }

    @Test
    void snakeMlpBuildsVectorGeneratorsOnly() {
        SnakeMlp arch = new SnakeMlp();
        assertNull(arch.unsupportedReason(new ModelSpec(8, new Shape(2), 0)));
        assertEquals("model 'snake-mlp' generates vectors, not samples of shape (1, 28, 28); use a vector dataset"
                        + " (spiral, ring, grid) or an image model (dcgan)",
                arch.unsupportedReason(new ModelSpec(8, new Shape(1, 28, 28), 0)));
        try (NDManager m = NDManager.newBaseManager()) {
            var nets = arch.create(new ModelSpec(8, new Shape(2), 0), Options.defaults("model", arch));
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(4, 8));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(4, 2));
            NDArray x = nets.generator().forward(new ParameterStore(m, false),
                    new NDList(m.randomNormal(new Shape(4, 8))), false).singletonOrThrow();
            assertEquals(new Shape(4, 2), x.getShape());
            NDArray scores = nets.discriminator().forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            assertEquals(new Shape(4, 1), scores.getShape());
        }
    }

    @Test
    void spiralPointsLieOnTheCurveAndRepeatForASeed() {
        SpiralDataset provider = new SpiralDataset();
        Options noNoise = Options.resolve("dataset", provider, Map.of("noise", "0", "samples", "100"));
        try (GanDataset a = provider.open(new DatasetRequest(null, 3, noNoise));
                GanDataset b = provider.open(new DatasetRequest(null, 3, noNoise))) {
            assertEquals(new Shape(2), a.sampleShape());
            Iterator<SampleBatch> batches = a.epoch(1, 30);
            int count = 0;
            while (batches.hasNext()) {
                SampleBatch batch = batches.next();
                count++;
                for (int i = 0; i < batch.size(); i++) {
                    double px = batch.values()[2 * i];
                    double py = batch.values()[2 * i + 1];
                    double t = Math.hypot(px, py);
                    double angle = 2 * Math.PI * 2 * t;
                    assertEquals(t * Math.cos(angle), px, 1e-5);
                    assertEquals(t * Math.sin(angle), py, 1e-5);
                }
            }
            assertEquals(3, count, "100 samples make 3 batches of 30");
            assertArrayEquals(a.epoch(4, 30).next().values(), b.epoch(4, 30).next().values());
        }
        assertThrows(ConfigException.class, () -> provider.open(new DatasetRequest(null, 3,
                Options.resolve("dataset", provider, Map.of("turns", "-1")))));
    }

    @Test
    void spiralArmsAreLabelledByTheArmThePointLiesOn() {
        SpiralDataset provider = new SpiralDataset();
        Options threeArms = Options.resolve("dataset", provider, Map.of("arms", "3", "noise", "0", "samples", "600"));
        int[] perArm = new int[3];
        try (GanDataset data = provider.open(new DatasetRequest(null, 5, threeArms))) {
            assertEquals(List.of("arm-0", "arm-1", "arm-2"), data.classNames());
            assertEquals(3, data.numClasses());
            SampleBatch batch = data.epoch(0, 600).next();
            for (int i = 0; i < batch.size(); i++) {
                double px = batch.values()[2 * i];
                double py = batch.values()[2 * i + 1];
                double t = Math.hypot(px, py);
                // Arm k's angle at radius t is 2π(2t + k/3); turn the point back by arm 0's angle.
                double turned = Math.atan2(py, px) - 2 * Math.PI * 2 * t;
                double arm = ((turned / (2 * Math.PI / 3)) % 3 + 3) % 3;
                long nearest = Math.round(arm) % 3;
                assertEquals(0, Math.min(Math.abs(arm - Math.round(arm)), 1), 1e-4, "point " + i + " lies on an arm");
                assertEquals(nearest, batch.labels()[i], "point " + i + " (" + px + ", " + py + ")");
                perArm[batch.labels()[i]]++;
            }
        }
        for (int count : perArm) {
            assertTrue(count > 150, "each arm gets about a third of the points: " + Arrays.toString(perArm));
        }
        // One arm is the unlabelled spiral, drawn exactly as without the option.
        Options oneArm = Options.resolve("dataset", provider, Map.of("arms", "1", "samples", "100"));
        Options none = Options.resolve("dataset", provider, Map.of("samples", "100"));
        try (GanDataset a = provider.open(new DatasetRequest(null, 3, oneArm));
                GanDataset b = provider.open(new DatasetRequest(null, 3, none))) {
            assertEquals(List.of(), a.classNames());
            SampleBatch x = a.epoch(2, 50).next();
            assertNull(x.labels());
            assertArrayEquals(b.epoch(2, 50).next().values(), x.values());
        }
        assertEquals("dataset 'spiral' option 'arms' must be an integer from 1 to 8, got '9'",
                assertThrows(ConfigException.class, () -> provider.open(new DatasetRequest(null, 3,
                        Options.resolve("dataset", provider, Map.of("arms", "9"))))).getMessage());
    }

    /**
     * The gradient through a constant is right even when the garbage collector runs between the
     * forward and the backward pass and the freed native memory is used again, which {@code
     * NDArray.mul(Number)} does not survive on DJL 0.35.1's PyTorch engine (see {@link Constants}).
     */
    @Test
    void aConstantKeepsItsGradientThroughAGarbageCollection() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4});
            x.setRequiresGradient(true);
            for (int i = 0; i < 20; i++) {
                x.getGradient().muli(0);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Constants.times(x, 3f).sum();
                    System.gc();
                    Thread.sleep(2); // the collector's cleaner frees unreachable direct buffers
                    List<ByteBuffer> reuse = new ArrayList<>();
                    for (int j = 0; j < 200; j++) {
                        reuse.add(ByteBuffer.allocateDirect(4).putFloat(0, 777f));
                    }
                    collector.backward(y);
                }
                assertArrayEquals(new float[] {3, 3, 3, 3}, x.getGradient().toFloatArray(), "iteration " + i);
            }
        }
    }
}
