package org.gan4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.gan4j.api.config.AdamConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdamTest {

    @ParameterizedTest(name = "fused {0}")
    @ValueSource(booleans = {true, false})
    void matchesPyTorchsAdamAndZeroesGradients(boolean fused) {
        AdamConfig cfg = new AdamConfig(0.1, 0.5, 0.9, 1e-3);
        double[] w0 = {1.0, -2.0, 0.5};
        double[] c = {1.0, 3.0, -0.5};
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            NDArray w = manager.create(w0).toType(DataType.FLOAT64, false);
            w.setRequiresGradient(true);
            p.setArray(w);
            Adam adam = new Adam(cfg, List.of(p), fused);

            // Reference: torch.optim.Adam's update on loss = sum(c * w^2), in double precision.
            double[] ref = w0.clone();
            double[] m = new double[3];
            double[] v = new double[3];
            for (int t = 1; t <= 4; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.square().mul(manager.create(c)).sum();
                    gc.backward(loss);
                }
                adam.step();
                for (int i = 0; i < 3; i++) {
                    double g = 2 * c[i] * ref[i];
                    m[i] = cfg.beta1() * m[i] + (1 - cfg.beta1()) * g;
                    v[i] = cfg.beta2() * v[i] + (1 - cfg.beta2()) * g * g;
                    double mHat = m[i] / (1 - Math.pow(cfg.beta1(), t));
                    double vHat = v[i] / (1 - Math.pow(cfg.beta2(), t));
                    ref[i] -= cfg.learningRate() * mHat / (Math.sqrt(vHat) + cfg.epsilon());
                }
                assertArrayEquals(ref, w.toDoubleArray(), 1e-6, "after update " + t);
                assertArrayEquals(new double[3], w.getGradient().toDoubleArray(), "gradient zeroed after update " + t);
            }
            assertEquals(4, adam.updates());
            adam.close();
        }
    }
}
