package org.gan4j.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Map;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.api.regularize.RegularizerProvider;
import org.gan4j.models.blocks.ActivationBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Penalties against central differences in float64: the gradient of each penalty with respect to
 * the discriminator's weights, which for gradient penalties goes through second-order terms.
 */
class PenaltyContextTest {

    private static final PluginCatalog PLUGINS = PluginCatalog.load(PenaltyContextTest.class.getClassLoader());

    private NDManager manager;
    private Block discriminator;
    private ParameterStore store;
    private NDArray real;
    private NDArray fake;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(3);
        manager = NDManager.newBaseManager();
        SequentialBlock d = new SequentialBlock();
        d.add(Linear.builder().setUnits(5).build());
        d.add(ActivationBlock.tanh());
        d.add(Linear.builder().setUnits(1).build());
        use(d);
        real = manager.create(new double[] {0.9, 0.1, -0.5, 0.7, 0.3, -1.2, 1.5, 0.4}, new Shape(4, 2));
        fake = manager.create(new double[] {-0.2, 0.6, 1.1, -0.8, 0.05, 0.3, -0.9, -0.4}, new Shape(4, 2));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Regularizer regularizer(String name, Map<String, String> options) {
        RegularizerProvider p = PLUGINS.regularizers().get(name);
        return p.create(Options.resolve(RegularizerProvider.KIND, p, options));
    }

    /** A discriminator in float64, for gradient checks, run with a store of its own. */
    private void use(Block d) {
        d.initialize(manager, DataType.FLOAT64, new Shape(4, 2));
        discriminator = d;
        store = new ParameterStore(manager, false);
    }

    private PenaltyContext context() {
        return PenaltyContext.builder(discriminator, store).batches(real, fake).step(1, 1).random(17, 0).build();
    }

    /** The penalty's value, computed while recording (penalties need input gradients). */
    private double value(Regularizer r) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            return r.discriminatorPenalty(context()).getDouble();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "wgan-gp, weight=10",
        "wgan-gp, one-sided=true;target=0.05",
        "r1, gamma=3",
        "d-weight-decay, weight=0.01"
    })
    void penaltyGradientWithRespectToDiscriminatorWeightsMatchesCentralDifferences(String name, String opts) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String kv : opts.split(";")) {
            String[] p = kv.split("=");
            options.put(p[0], p[1]);
        }
        Regularizer r = regularizer(name, options);
        List<Parameter> params = context().discriminatorParameters();
        double value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray penalty = r.discriminatorPenalty(context());
            value = penalty.getDouble();
            gc.backward(penalty);
        }
        assertTrue(value > 0, name + " penalty is positive here: " + value);
        // Read every analytic gradient before the numeric evaluations, which run the penalty's own
        // inner backward pass (and so reset the parameters' gradients).
        List<double[]> analytics = new java.util.ArrayList<>();
        for (Parameter p : params) {
            analytics.add(p.getArray().getGradient().toType(DataType.FLOAT64, false).toDoubleArray());
        }
        double h = 1e-6;
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            NDArray w = p.getArray();
            double[] analytic = analytics.get(k);
            double[] base = w.toDoubleArray();
            double[] numeric = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                double[] v = base.clone();
                v[i] = base[i] + h;
                w.set(DoubleBuffer.wrap(v));
                double plus = value(r);
                v[i] = base[i] - h;
                w.set(DoubleBuffer.wrap(v));
                double minus = value(r);
                numeric[i] = (plus - minus) / (2 * h);
            }
            w.set(DoubleBuffer.wrap(base));
            assertArrayEquals(numeric, analytic, 1e-6, name + " gradient for parameter " + k + " (" + p.getName() + ")");
        }
    }

    @org.junit.jupiter.api.Test
    void penaltyValuesOnALinearDiscriminatorMatchHandComputedOnes() {
        // D(x) = w.x + b has gradient w at every x: ||w|| = 5 for w = (3, 4).
        SequentialBlock d = new SequentialBlock().add(Linear.builder().setUnits(1).build());
        use(d);
        Parameter w = context().discriminatorParameters().get(0);
        w.getArray().set(DoubleBuffer.wrap(new double[] {3, 4}));
        assertEquals(10 * Math.pow(5 - 1, 2), value(regularizer("wgan-gp", Map.of())), 1e-9);
        assertEquals(Math.pow(5 - 6, 2), value(regularizer("wgan-gp", Map.of("weight", "1", "target", "6"))), 1e-9);
        assertEquals(0, value(regularizer("wgan-gp", Map.of("target", "6", "one-sided", "true"))), 1e-9);
        assertEquals(3.0 / 2 * 25, value(regularizer("r1", Map.of("gamma", "3"))), 1e-9);
        assertEquals(0.01 * 25, value(regularizer("d-weight-decay", Map.of("weight", "0.01"))), 1e-9);
    }
}
