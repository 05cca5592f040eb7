package org.gan4j.models.blocks;

import static org.gan4j.models.blocks.TransposedConvCase.forward;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.NormalInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transposed convolution in float64 against its definition (a scatter-add in plain Java) and
 * against the zero-stuffing form that the benchmark compares it with; shapes, parameters and
 * settings.
 */
class TransposedConv2dTest {

    /** Random cases plus the edge cases a random draw may miss. */
    static List<TransposedConvCase> cases() {
        List<TransposedConvCase> cases = new ArrayList<>(List.of(
                TransposedConvCase.square(2, 4, 3, 4, 4, 2, 1, 0, true), // DCGAN's up-sampling layer
                TransposedConvCase.square(1, 3, 2, 1, 4, 1, 0, 0, true), // DCGAN's first layer, 1x1 input
                TransposedConvCase.square(1, 2, 2, 3, 3, 2, 1, 1, true), // output padding past the last pixel
                TransposedConvCase.square(1, 2, 3, 3, 1, 3, 0, 2, true), // 1x1 kernel: gaps only the bias fills
                TransposedConvCase.square(2, 2, 2, 3, 5, 3, 2, 1, false), // kernel not a multiple of the stride
                TransposedConvCase.square(1, 1, 1, 5, 2, 1, 2, 0, true), // padding beyond kernel - 1 crops
                TransposedConvCase.square(1, 2, 2, 1, 5, 1, 2, 0, false), // one pixel in, one pixel out
                TransposedConvCase.square(1, 2, 2, 4, 3, 3, 2, 2, true), // output padding of 2
                TransposedConvCase.square(1, 2, 2, 4, 3, 2, 2, 1, true), // padding of a whole stride
                new TransposedConvCase(2, 3, 2, 3, 5, 5, 2, 3, 1, 2, 0, 1, 0, true))); // different axes
        Random random = new Random(20_240_611L);
        for (int i = 0; i < 150; i++) {
            cases.add(TransposedConvCase.random(random));
        }
        return cases;
    }

    private NDManager manager;

    @BeforeEach
    void setUp() {
        Engine.getInstance().setRandomSeed(5);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @ParameterizedTest
    @EnumSource(value = TransposedConv2d.Form.class, names = {"NATIVE", "SUB_PIXEL"})
    void float64ForwardEqualsTheScatterAddDefinition(TransposedConv2d.Form form) {
        int seed = 0;
        for (TransposedConvCase c : cases()) {
            double[][] v = c.randomValues(seed++);
            try (NDManager m = manager.newSubManager()) {
                TransposedConv2d block = c.initializedBlock(m, DataType.FLOAT64, v[1], v[2], form);
                NDArray y = forward(block, m, m.create(v[0], c.inputShape()), false);
                assertEquals(c.outputShape(), y.getShape(), c.toString());
                assertArrayEquals(ScatterAddTransposedConv.forward(c, v[0], v[1], v[2]), y.toDoubleArray(), 1e-10, c.toString());
            }
        }
    }

    @Test
    void autoRunsLibtorchsOwnOperatorFromSixteenOutputChannelsAndTheSubPixelFormBelow() {
        // The last operator of the graph tells the forms apart: the native form ends in the
        // convolution itself, the sub-pixel form in its pixel shuffle and crop.
        assertEquals("ConvolutionBackward0", lastGradientFunction(16, TransposedConv2d.Form.AUTO));
        assertEquals("ConvolutionBackward0", lastGradientFunction(3, TransposedConv2d.Form.NATIVE));
        assertFalse(lastGradientFunction(15, TransposedConv2d.Form.AUTO).startsWith("Convolution"));
        assertFalse(lastGradientFunction(64, TransposedConv2d.Form.SUB_PIXEL).startsWith("Convolution"));
    }

    private String lastGradientFunction(int filters, TransposedConv2d.Form form) {
        try (NDManager m = manager.newSubManager()) {
            TransposedConv2d block = TransposedConv2d.builder()
                    .setFilters(filters)
                    .setKernelShape(new Shape(4, 4))
                    .optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1))
                    .optForm(form)
                    .build();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 8, 4, 4));
            NDArray x = m.randomNormal(new Shape(2, 8, 4, 4));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = forward(block, m, x, true);
                assertEquals(new Shape(2, filters, 8, 8), y.getShape());
                String names = JniUtils.getGradientFunctionNames((PtNDArray) y);
                gc.backward(y.sum());
                return names.split(",")[0].trim();
            }
        }
    }

    @Test
    void zeroStuffingReferenceEqualsTheBlockInFloat64() {
        int seed = 1000;
        for (TransposedConvCase c : cases()) {
            double[][] v = c.randomValues(seed++);
            try (NDManager m = manager.newSubManager()) {
                TransposedConv2d block = c.initializedBlock(m, DataType.FLOAT64, v[1], v[2]);
                NDArray x = m.create(v[0], c.inputShape());
                NDArray expected = ZeroStuffingTransposedConv.forward(
                        x,
                        m.create(v[1], c.weightShape()),
                        c.bias() ? m.create(v[2]) : null,
                        c.stride(),
                        c.padding(),
                        c.outputPadding());
                NDArray actual = forward(block, m, x, false);
                assertEquals(c.outputShape(), expected.getShape(), c.toString());
                assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-10, c.toString());
            }
        }
    }

    @Test
    void outputShapesAreTheForwardPassesShapes() {
        for (TransposedConvCase c : cases()) {
            try (NDManager m = manager.newSubManager()) {
                TransposedConv2d block = c.block();
                Shape predicted = block.getOutputShapes(new Shape[] {c.inputShape()})[0];
                block.initialize(m, DataType.FLOAT32, c.inputShape());
                Shape actual = forward(block, m, m.randomNormal(c.inputShape()), false).getShape();
                assertEquals(c.outputShape(), predicted, c.toString());
                assertEquals(actual, predicted, c.toString());
            }
        }
    }

    @Test
    void aForwardPassLeavesNoArraysWithTheParameters() {
        // Callers run a step on a scratch manager (or in an NDScope) and close it; arrays computed
        // from the weight must not outlive it on the parameters' manager.
        TransposedConvCase c = TransposedConvCase.square(2, 3, 4, 3, 3, 2, 1, 1, true);
        TransposedConv2d block = c.block();
        block.initialize(manager, DataType.FLOAT32, c.inputShape());
        int before = manager.getManagedArrays().size();
        for (boolean training : new boolean[] {false, true}) {
            try (NDManager scratch = manager.newSubManager();
                    GradientCollector gc = training ? Engine.getInstance().newGradientCollector() : null) {
                NDArray x = scratch.randomNormal(c.inputShape());
                x.setRequiresGradient(training);
                NDArray y = forward(block, scratch, x, training);
                if (gc != null) {
                    gc.backward(y.sum());
                }
            }
            assertEquals(before, manager.getManagedArrays().size(), training ? "training" : "inference");
        }
        // The training loop's way: everything on the parameters' manager, released by an NDScope.
        try (NDScope step = new NDScope()) {
            step.suppressNotUsedWarning();
            forward(block, manager, manager.randomNormal(c.inputShape()), false).sum();
        }
        assertEquals(before, manager.getManagedArrays().size(), "NDScope");
    }

    @Test
    void inputChannelsAreInferredAndParametersHaveTheStandardLayout() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setFilters(5)
                .setKernelShape(new Shape(4, 3))
                .optStride(new Shape(2, 2))
                .build();
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 7, 3, 3));
        Parameter weight = block.getParameters().get("weight");
        Parameter bias = block.getParameters().get("bias");
        assertEquals(new Shape(7, 5, 4, 3), weight.getArray().getShape(), "[Cin, Cout, kH, kW], as ConvTranspose");
        assertEquals(Parameter.Type.WEIGHT, weight.getType());
        assertEquals(new Shape(5), bias.getArray().getShape());
        assertEquals(Parameter.Type.BIAS, bias.getType());
        assertTrue(weight.getArray().abs().max().getFloat() > 0, "weights start random, as Conv2d's do");
        assertEquals(0f, bias.getArray().abs().max().getFloat(), "biases start at zero, as Conv2d's do");

        TransposedConv2d noBias = TransposedConv2d.builder().setFilters(2).setKernelShape(new Shape(3, 3)).optBias(false).build();
        noBias.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
        assertEquals(1, noBias.getParameters().size());
        assertNull(noBias.getParameters().get("bias"));
    }

    @Test
    void weightsTakeAnInitializerSetByParameterType() {
        // DCGAN's recipe: weights from N(0, 0.02).
        TransposedConv2d block = TransposedConv2d.builder().setFilters(64).setKernelShape(new Shape(4, 4)).build();
        block.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 1, 1));
        NDArray w = block.getParameters().get("weight").getArray();
        assertEquals(0.02, w.pow(2).mean().sqrt().getFloat(), 0.001);
    }

    @Test
    void settingsCanBeReadBack() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setFilters(3)
                .setKernelShape(new Shape(4, 5))
                .optStride(new Shape(2, 3))
                .optPadding(new Shape(1, 2))
                .optOutputPadding(new Shape(1, 0))
                .optBias(false)
                .build();
        assertAll(
                () -> assertEquals(3, block.filters()),
                () -> assertEquals(new Shape(4, 5), block.kernelShape()),
                () -> assertEquals(new Shape(2, 3), block.stride()),
                () -> assertEquals(new Shape(1, 2), block.padding()),
                () -> assertEquals(new Shape(1, 0), block.outputPadding()),
                () -> assertFalse(block.hasBias()));
        TransposedConv2d defaults = TransposedConv2d.builder().setFilters(1).setKernelShape(new Shape(2, 2)).build();
        assertAll(
                () -> assertEquals(new Shape(1, 1), defaults.stride()),
                () -> assertEquals(new Shape(0, 0), defaults.padding()),
                () -> assertEquals(new Shape(0, 0), defaults.outputPadding()),
                () -> assertTrue(defaults.hasBias()));
    }

    private static String rejection(Supplier<TransposedConv2d.Builder> builder) {
        return assertThrows(IllegalArgumentException.class, () -> builder.get().build()).getMessage();
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        Supplier<TransposedConv2d.Builder> valid =
                () -> TransposedConv2d.builder().setFilters(4).setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2));
        assertEquals("filters must be at least 1, got 0", rejection(() -> TransposedConv2d.builder().setKernelShape(new Shape(3, 3))));
        assertEquals("filters must be at least 1, got -2", rejection(() -> valid.get().setFilters(-2)));
        assertEquals("kernelShape must be set", rejection(() -> TransposedConv2d.builder().setFilters(4)));
        assertEquals(
                "kernelShape must be two sizes (height, width), each at least 1, got (0, 3)",
                rejection(() -> valid.get().setKernelShape(new Shape(0, 3))));
        assertEquals(
                "kernelShape must be two sizes (height, width), each at least 1, got (3)",
                rejection(() -> valid.get().setKernelShape(new Shape(3))));
        assertEquals(
                "stride must be two sizes (height, width), each at least 1, got (2, 0)",
                rejection(() -> valid.get().optStride(new Shape(2, 0))));
        assertEquals(
                "padding must be two sizes (height, width), each at least 0, got (-1, 1)",
                rejection(() -> valid.get().optPadding(new Shape(-1, 1))));
        assertEquals(
                "outputPadding must be two sizes (height, width), each at least 0, got null",
                rejection(() -> valid.get().optOutputPadding(null)));
        assertEquals(
                "outputPadding must be less than stride in each axis, got (2, 1) with stride (2, 2)",
                rejection(() -> valid.get().optOutputPadding(new Shape(2, 1))));
        assertEquals(
                "outputPadding must be less than stride in each axis, got (0, 1) with stride (1, 1)",
                rejection(() -> valid.get().optStride(new Shape(1, 1)).optOutputPadding(new Shape(0, 1))));
    }

    @Test
    void inputsTooSmallForThePaddingOrNotImagesAreRejected() {
        TransposedConv2d block = TransposedConv2d.builder()
                .setFilters(2)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(2, 1))
                .build();
        // (1 - 1) * 1 - 2 * 2 + 3 = -1 rows.
        assertEquals(
                "an input height of 1 gives an output height of -1; it must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> block.getOutputShapes(new Shape[] {new Shape(1, 2, 1, 4)}))
                        .getMessage());
        assertEquals(
                "TransposedConv2d takes an input [N, C, H, W], got (2, 8)",
                assertThrows(IllegalArgumentException.class, () -> block.getOutputShapes(new Shape[] {new Shape(2, 8)}))
                        .getMessage());
    }
}
