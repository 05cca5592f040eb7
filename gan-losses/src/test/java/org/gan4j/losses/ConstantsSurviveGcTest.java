package org.gan4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.plugin.Options;
import org.junit.jupiter.api.Test;

/**
 * The losses whose gradients go through a constant (least squares' 1/2, label smoothing's weights)
 * give the right gradient even when the garbage collector runs between the forward and the
 * backward pass and the freed native memory is reused: {@code NDArray.mul(Number)} does not
 * survive that on DJL 0.35.1's PyTorch engine (see {@link Scalars}).
 */
class ConstantsSurviveGcTest {

    /** The gradient of a scalar loss of x, with a collection and reused direct memory before the backward pass. */
    private static float[] gradientAfterACollection(NDManager m, float[] values, Function<NDArray, NDArray> loss)
            throws InterruptedException {
        NDArray x = m.create(values);
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = loss.apply(x);
            System.gc();
            Thread.sleep(2); // the collector's cleaner frees unreachable direct buffers
            List<ByteBuffer> reuse = new ArrayList<>();
            for (int j = 0; j < 200; j++) {
                reuse.add(ByteBuffer.allocateDirect(4).putFloat(0, 777f));
            }
            collector.backward(y);
        }
        return x.getGradient().toFloatArray();
    }

    @Test
    void leastSquaresAndLabelSmoothingKeepTheirGradients() throws InterruptedException {
        AdversarialLoss ls = new LeastSquaresLoss().create(Options.defaults("loss", new LeastSquaresLoss()));
        NonSaturatingLoss provider = new NonSaturatingLoss();
        AdversarialLoss smoothed = provider.create(Options.resolve("loss", provider, Map.of("label-smoothing", "0.5")));
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < 20; i++) {
                // G's least-squares loss 0.5 mean((s - 1)^2) over s = (3, 5): gradient (s - 1) / 2.
                assertArrayEquals(new float[] {1f, 2f},
                        gradientAfterACollection(m, new float[] {3, 5}, s -> ls.generatorLoss(s)), 1e-6f, "iteration " + i);
                // With smoothing 1/2, D's real term 0.5 softplus(-s) + 0.5 softplus(s) has gradient
                // 0.5 (sigmoid(s) - sigmoid(-s)) / n at the reals; 0 at s = 0.
                float[] g = gradientAfterACollection(m, new float[] {0, 0}, s -> smoothed.discriminatorLoss(s, m.create(-50f)));
                assertArrayEquals(new float[] {0f, 0f}, g, 1e-6f, "iteration " + i);
            }
        }
    }
}
