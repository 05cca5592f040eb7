package org.gan4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.gan4j.api.ConfigException;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values on hand-computed inputs and gradients against central differences, for every loss. */
class LossLibraryTest {

    private static final PluginRegistry<AdversarialLossProvider> LOSSES =
            PluginRegistry.load(AdversarialLossProvider.KIND, AdversarialLossProvider.class,
                    LossLibraryTest.class.getClassLoader());

    private static final double[] REAL = {0.7, -0.3, 1.9, 0.2};
    private static final double[] FAKE = {-1.1, 0.4, -0.2};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static AdversarialLoss loss(String name, Map<String, String> options) {
        AdversarialLossProvider p = LOSSES.get(name);
        return p.create(Options.resolve(AdversarialLossProvider.KIND, p, options));
    }

    private NDArray f64(double... v) {
        return manager.create(v);
    }

    private static double mean(double[] v, java.util.function.DoubleUnaryOperator f) {
        double s = 0;
        for (double x : v) {
            s += f.applyAsDouble(x);
        }
        return s / v.length;
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
    }

    private double d(String name, Map<String, String> options) {
        return loss(name, options).discriminatorLoss(f64(REAL), f64(FAKE)).getDouble();
    }

    private double g(String name) {
        AdversarialLoss l = loss(name, Map.of());
        return l.generatorUsesRealScores()
                ? l.generatorLoss(f64(FAKE), f64(REAL)).getDouble()
                : l.generatorLoss(f64(FAKE)).getDouble();
    }

    @Test
    void valuesMatchTheirDefinitions() {
        double mr = mean(REAL, x -> x);
        double mf = mean(FAKE, x -> x);
        // Logistic, with one-sided smoothing 0.1: real targets 0.9.
        assertEquals(mean(REAL, x -> 0.9 * softplus(-x) + 0.1 * softplus(x)) + mean(FAKE, x -> softplus(x)),
                d("minimax", Map.of("label-smoothing", "0.1")), 1e-12);
        // Wasserstein and WGAN-GP (the penalty is separate): E[D(fake)] - E[D(real)], G: -E[D(fake)].
        assertEquals(mf - mr, d("wasserstein", Map.of()), 1e-12);
        assertEquals(mf - mr, d("wgan-gp", Map.of()), 1e-12);
        assertEquals(-mf, g("wasserstein"), 1e-12);
        // Least squares: (E(D(x)-1)^2 + E D(G(z))^2) / 2, G: E(D(G(z))-1)^2 / 2.
        assertEquals(0.5 * (mean(REAL, x -> (x - 1) * (x - 1)) + mean(FAKE, x -> x * x)), d("least-squares", Map.of()), 1e-12);
        assertEquals(0.5 * mean(FAKE, x -> (x - 1) * (x - 1)), g("least-squares"), 1e-12);
        // Hinge: E relu(1 - D(x)) + E relu(1 + D(G(z))), G: -E D(G(z)).
        assertEquals(mean(REAL, x -> Math.max(0, 1 - x)) + mean(FAKE, x -> Math.max(0, 1 + x)), d("hinge", Map.of()), 1e-12);
        assertEquals(-mf, g("hinge"), 1e-12);
        // Relativistic average, standard and least squares.
        assertEquals(mean(REAL, x -> softplus(-(x - mf))) + mean(FAKE, x -> softplus(x - mr)), d("relativistic", Map.of()), 1e-12);
        assertEquals(mean(FAKE, x -> softplus(-(x - mr))) + mean(REAL, x -> softplus(x - mf)), g("relativistic"), 1e-12);
        assertEquals(mean(REAL, x -> Math.pow(x - mf - 1, 2)) + mean(FAKE, x -> Math.pow(x - mr + 1, 2)),
                d("relativistic", Map.of("form", "least-squares")), 1e-12);
    }

    /** Autograd's gradient of f at (a, b) against central differences, entry by entry, in float64. */
    private void checkGradient(BiFunction<NDArray, NDArray, NDArray> f, double[] a, double[] b, String what) {
        NDArray x = f64(a);
        NDArray y = f64(b);
        x.setRequiresGradient(true);
        y.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.apply(x, y));
        }
        // An argument the function ignores has no gradient: PyTorch reports zeros (float32).
        double[][] analytic = {
            x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray(),
            y.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()
        };
        double h = 1e-6;
        double[][] points = {a, b};
        for (int which = 0; which < 2; which++) {
            double[] numeric = new double[points[which].length];
            for (int i = 0; i < numeric.length; i++) {
                double[] plus = points[which].clone();
                double[] minus = points[which].clone();
                plus[i] += h;
                minus[i] -= h;
                double fp = which == 0 ? f.apply(f64(plus), f64(b)).getDouble() : f.apply(f64(a), f64(plus)).getDouble();
                double fm = which == 0 ? f.apply(f64(minus), f64(b)).getDouble() : f.apply(f64(a), f64(minus)).getDouble();
                numeric[i] = (fp - fm) / (2 * h);
            }
            assertArrayEquals(numeric, analytic[which], 1e-7, what + ", argument " + which);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimax", "non-saturating", "wasserstein", "wgan-gp", "least-squares", "hinge", "relativistic"})
    void gradientsMatchCentralDifferences(String name) {
        AdversarialLoss l = loss(name, name.equals("minimax") ? Map.of("label-smoothing", "0.2") : Map.of());
        checkGradient(l::discriminatorLoss, REAL, FAKE, name + " discriminator");
        if (l.generatorUsesRealScores()) {
            checkGradient(l::generatorLoss, FAKE, REAL, name + " generator");
        } else {
            checkGradient((fake, unused) -> l.generatorLoss(fake), FAKE, REAL, name + " generator");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimax", "non-saturating", "wasserstein", "wgan-gp", "least-squares", "hinge", "relativistic"})
    void float32ScoresGiveFloat32Losses(String name) {
        // A double constant multiplying a 0-d float tensor would promote the loss to float64.
        AdversarialLoss l = loss(name, name.equals("minimax") ? Map.of("label-smoothing", "0.1") : Map.of());
        NDArray real = manager.create(new float[] {0.5f, -1f});
        NDArray fake = manager.create(new float[] {0.25f, 2f});
        assertEquals(DataType.FLOAT32, l.discriminatorLoss(real, fake).getDataType(), name);
        assertEquals(DataType.FLOAT32, l.generatorLoss(fake, real).getDataType(), name);
    }

    @Test
    void leastSquaresRelativisticGradientsMatchCentralDifferences() {
        AdversarialLoss l = loss("relativistic", Map.of("form", "least-squares"));
        checkGradient(l::discriminatorLoss, REAL, FAKE, "RaLSGAN discriminator");
        checkGradient(l::generatorLoss, FAKE, REAL, "RaLSGAN generator");
    }

    @Test
    void wassersteinClipsEveryCriticParameterAfterAnUpdate() {
        AdversarialLoss l = loss("wasserstein", Map.of("clip", "0.05"));
        assertEquals(5, l.preferredDiscriminatorSteps());
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        NDArray w = f64(-0.3, 0.01, 0.2, -0.04).reshape(2, 2);
        p.setArray(w);
        l.constrainDiscriminator(List.of(p));
        assertArrayEquals(new double[] {-0.05, 0.01, 0.05, -0.04}, p.getArray().toDoubleArray(), 0);
        assertEquals(new Shape(2, 2), p.getArray().getShape());
        assertEquals(DataType.FLOAT64, p.getArray().getDataType());
    }

    @Test
    void wganGpCarriesItsPenaltyAndFiveCriticSteps() {
        AdversarialLoss l = loss("wgan-gp", Map.of());
        assertEquals(5, l.preferredDiscriminatorSteps());
        assertEquals(1, l.builtInRegularizers().size());
        assertEquals(1, loss("hinge", Map.of()).preferredDiscriminatorSteps());
    }

    @Test
    void decisionThresholdsSitBetweenTheTargetsOrAreAbsentForScaleFreeScores() {
        for (String logit : List.of("minimax", "non-saturating", "hinge")) {
            assertEquals(java.util.OptionalDouble.of(0), loss(logit, Map.of()).decisionThreshold(), logit);
        }
        assertEquals(java.util.OptionalDouble.of(0.5), loss("least-squares", Map.of()).decisionThreshold());
        for (String free : List.of("wasserstein", "wgan-gp", "relativistic")) {
            assertEquals(java.util.OptionalDouble.empty(), loss(free, Map.of()).decisionThreshold(), free);
        }
        assertEquals(java.util.OptionalDouble.empty(),
                loss("relativistic", Map.of("form", "least-squares")).decisionThreshold());
    }

    @Test
    void badOptionsAreReported() {
        assertEquals("loss 'relativistic' option 'form' must be standard or least-squares, got 'hinge'",
                assertThrows(ConfigException.class, () -> loss("relativistic", Map.of("form", "hinge"))).getMessage());
        assertEquals("loss 'wasserstein' option 'clip' must be 0 or positive, got '-1'",
                assertThrows(ConfigException.class, () -> loss("wasserstein", Map.of("clip", "-1"))).getMessage());
        assertEquals("loss 'minimax' option 'label-smoothing' must be in [0, 1), got '1'",
                assertThrows(ConfigException.class, () -> loss("minimax", Map.of("label-smoothing", "1"))).getMessage());
    }
}
