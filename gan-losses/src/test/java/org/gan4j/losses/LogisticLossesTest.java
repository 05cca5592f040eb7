package org.gan4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.function.Function;
import org.gan4j.api.loss.AdversarialLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogisticLossesTest {

    private static final double LN3 = Math.log(3);
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static AdversarialLoss loss(String name) {
        return LossLibraryTest.loss(name, Map.of());
    }

    private NDArray logits(double... v) {
        return manager.create(v);
    }

    @Test
    void discriminatorLossIsTheBinaryCrossEntropy() {
        // sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4. Real: -log(1/2), -log(3/4). Fake logits 0 and
        // -ln 3 have 1 - sigmoid = 1/2 and 3/4: the same two terms.
        double expected = 2 * (Math.log(2) + Math.log(4.0 / 3)) / 2;
        for (String name : new String[] {"minimax", "non-saturating"}) {
            double d = loss(name).discriminatorLoss(logits(0, LN3), logits(0, -LN3)).getDouble();
            assertEquals(expected, d, 1e-12, name);
        }
    }

    @Test
    void generatorLossesMatchTheirDefinitions() {
        NDArray fake = logits(0, -LN3);
        // minimax: mean log(1 - D) = (log 1/2 + log 3/4) / 2
        assertEquals((Math.log(0.5) + Math.log(0.75)) / 2, loss("minimax").generatorLoss(fake).getDouble(), 1e-12);
        // non-saturating: mean -log D = (log 2 + log 4) / 2
        assertEquals((Math.log(2) + Math.log(4)) / 2, loss("non-saturating").generatorLoss(fake).getDouble(), 1e-12);
    }

    @Test
    void lossesStayFiniteForExtremeLogits() {
        NDArray extreme = logits(-1000, 1000);
        for (String name : new String[] {"minimax", "non-saturating"}) {
            assertTrue(Double.isFinite(loss(name).discriminatorLoss(extreme, extreme).getDouble()), name);
            assertTrue(Double.isFinite(loss(name).generatorLoss(extreme).getDouble()), name);
        }
    }

    private double gradientAt(Function<NDArray, NDArray> f, double logit) {
        NDArray s = logits(logit);
        s.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.apply(s));
        }
        return s.getGradient().getDouble(0);
    }

    @Test
    void saturatingGeneratorGradientVanishesWhereNonSaturatingDoesNot() {
        // A confident discriminator gives the fakes very negative logits. The minimax generator
        // loss's gradient is -sigmoid(s) -> 0; the non-saturating one's is -(1 - sigmoid(s)) -> -1.
        AdversarialLoss minimax = loss("minimax");
        AdversarialLoss nonSaturating = loss("non-saturating");
        double previous = Double.POSITIVE_INFINITY;
        for (double s : new double[] {-2, -5, -10, -20}) {
            double sat = gradientAt(minimax::generatorLoss, s);
            double ns = gradientAt(nonSaturating::generatorLoss, s);
            assertEquals(-1 / (1 + Math.exp(-s)), sat, 1e-9);
            assertTrue(Math.abs(sat) < previous, "saturating gradient shrinks as D grows confident");
            previous = Math.abs(sat);
            assertTrue(Math.abs(ns) > 0.88, "non-saturating gradient stays near 1, got " + ns);
        }
        assertTrue(previous < 1e-8, "at s = -20 the saturating gradient is gone: " + previous);
    }
}
