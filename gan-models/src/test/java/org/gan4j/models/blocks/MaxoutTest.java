package org.gan4j.models.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class MaxoutTest {

    @Test
    void eachUnitKeepsTheLargestOfItsOwnPiecesAndPassesGradientToIt() {
        Maxout block = new Maxout(3, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT64, new Shape(2, 5));
            NDArray x = m.randomNormal(new Shape(2, 5), DataType.FLOAT64);
            double[] w = block.linear().getParameters().get("weight").getArray().toDoubleArray(); // [12, 5]
            double[] b = block.linear().getParameters().get("bias").getArray().toDoubleArray();
            double[] xv = x.toDoubleArray();
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                x.setRequiresGradient(true);
                y = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                gc.backward(y.sum());
            }
            assertEquals(new Shape(2, 3), y.getShape());
            double[] yv = y.toDoubleArray();
            double[] expectedGrad = new double[10];
            for (int n = 0; n < 2; n++) {
                for (int u = 0; u < 3; u++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int p = 0; p < 4; p++) {
                        int f = u * 4 + p;
                        double v = b[f];
                        for (int i = 0; i < 5; i++) {
                            v += w[f * 5 + i] * xv[n * 5 + i];
                        }
                        if (v > best) {
                            best = v;
                            arg = f;
                        }
                    }
                    assertEquals(best, yv[n * 3 + u], 1e-12);
                    for (int i = 0; i < 5; i++) {
                        expectedGrad[n * 5 + i] += w[arg * 5 + i];
                    }
                }
            }
            double[] grad = x.getGradient().toDoubleArray();
            for (int i = 0; i < 10; i++) {
                assertEquals(expectedGrad[i], grad[i], 1e-12);
            }
        }
    }
}
