package org.gan4j.models.blocks;

import static org.gan4j.models.blocks.TransposedConvCase.forward;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.DoubleBuffer;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients of sum(TransposedConv2d(x) * R), for a random R, with respect to the input, the weight
 * and the bias, from the engine's automatic differentiation, against central differences of the
 * block's own forward pass in float64.
 */
class TransposedConv2dGradientTest {

    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-5;

    /** Each case in both forms. */
    static Stream<Arguments> cases() {
        return layers().flatMap(c -> Stream.of(
                Arguments.of(c, TransposedConv2d.Form.NATIVE), Arguments.of(c, TransposedConv2d.Form.SUB_PIXEL)));
    }

    static Stream<TransposedConvCase> layers() {
        return Stream.of(
                TransposedConvCase.square(2, 3, 2, 3, 4, 2, 1, 0, true), // DCGAN's up-sampling layer
                TransposedConvCase.square(1, 2, 3, 3, 3, 1, 1, 0, true), // stride 1: a plain convolution
                TransposedConvCase.square(2, 2, 2, 3, 3, 2, 1, 1, true), // output padding
                TransposedConvCase.square(1, 2, 2, 2, 5, 3, 2, 1, false), // kernel not a multiple of the stride
                TransposedConvCase.square(1, 1, 2, 3, 2, 3, 0, 2, true), // gaps between kernel footprints
                new TransposedConvCase(1, 2, 2, 2, 3, 3, 2, 2, 1, 1, 0, 1, 0, true)); // different axes
    }

    private NDManager manager;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(11);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientsMatchCentralDifferences(TransposedConvCase c, TransposedConv2d.Form form) {
        double[][] v = c.randomValues(c.toString().hashCode());
        double[] x = v[0];
        TransposedConv2d block = c.initializedBlock(manager, DataType.FLOAT64, v[1], v[2], form);
        NDArray weight = block.getParameters().get("weight").getArray();
        NDArray bias = c.bias() ? block.getParameters().get("bias").getArray() : null;
        NDArray r = manager.randomNormal(0, 1, c.outputShape(), DataType.FLOAT64);

        NDArray input = manager.create(x, c.inputShape());
        input.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(forward(block, manager, input, true).mul(r).sum());
        }
        double[] dInput = input.getGradient().toDoubleArray();
        double[] dWeight = weight.getGradient().toDoubleArray();

        // The objective at the current parameters and input x.
        double[] current = x.clone();
        DoubleSupplier objective = () -> {
            try (NDManager m = manager.newSubManager()) {
                return forward(block, m, m.create(current, c.inputShape()), false).mul(r).sum().getDouble();
            }
        };
        assertMatches(c + " d/dinput", dInput, numericGradient(current, values -> {}, objective));
        assertMatches(c + " d/dweight", dWeight, numericGradient(v[1].clone(), weight, objective));
        if (bias != null) {
            assertMatches(c + " d/dbias", bias.getGradient().toDoubleArray(), numericGradient(v[2].clone(), bias, objective));
        }
    }

    /** Central differences of the objective in each element of values, which apply writes back. */
    private static double[] numericGradient(double[] values, Consumer<double[]> apply, DoubleSupplier objective) {
        double[] gradient = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double base = values[i];
            values[i] = base + STEP;
            apply.accept(values);
            double plus = objective.getAsDouble();
            values[i] = base - STEP;
            apply.accept(values);
            double minus = objective.getAsDouble();
            values[i] = base;
            apply.accept(values);
            gradient[i] = (plus - minus) / (2 * STEP);
        }
        return gradient;
    }

    private static double[] numericGradient(double[] values, NDArray parameter, DoubleSupplier objective) {
        return numericGradient(values, vs -> parameter.set(DoubleBuffer.wrap(vs)), objective);
    }

    /** Equal within TOLERANCE, relative to the element's size where it exceeds 1. */
    private static void assertMatches(String what, double[] analytic, double[] numeric) {
        for (int i = 0; i < analytic.length; i++) {
            double error = Math.abs(analytic[i] - numeric[i]);
            assertTrue(error <= TOLERANCE * Math.max(1, Math.abs(numeric[i])),
                    what + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric[i]);
        }
    }
}
