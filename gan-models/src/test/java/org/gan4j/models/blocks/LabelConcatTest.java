package org.gan4j.models.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class LabelConcatTest {

    private static NDArray forward(LabelConcat block, NDManager m, NDArray x, NDArray labels) {
        return block.forward(new ParameterStore(m, false), new NDList(x, labels), false).singletonOrThrow();
    }

    @Test
    void vectorsGetTheOneHotLabelAppended() {
        LabelConcat block = new LabelConcat(3, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(2, 2), new Shape(2));
            NDArray x = m.create(new float[] {5, 6, 7, 8}, new Shape(2, 2));
            NDArray out = forward(block, m, x, m.create(new int[] {2, 0}));
            assertEquals(new Shape(2, 5), out.getShape());
            assertArrayEquals(new float[] {5, 6, 0, 0, 1, 7, 8, 1, 0, 0}, out.toFloatArray());
            assertEquals(out.getShape(), block.getOutputShapes(new Shape[] {new Shape(2, 2), new Shape(2)})[0]);
        }
    }

    @Test
    void imagesGetOneConstantMapAClass() {
        LabelConcat block = new LabelConcat(2, null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 3), new Shape(1));
            NDArray x = m.arange(6f).reshape(1, 1, 2, 3);
            NDArray out = forward(block, m, x, m.create(new int[] {1}));
            assertEquals(new Shape(1, 3, 2, 3), out.getShape());
            // Channel 0 is the image; channel 1 (class 0) all zeros; channel 2 (class 1) all ones.
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, out.toFloatArray());
            assertEquals(out.getShape(), block.getOutputShapes(new Shape[] {new Shape(1, 1, 2, 3), new Shape(1)})[0]);
        }
    }

    @Test
    void branchesTransformEachInputBeforeTheJoin() {
        LabelConcat block =
                new LabelConcat(4, Linear.builder().setUnits(3).build(), Linear.builder().setUnits(5).build());
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(6, 2), new Shape(6));
            NDArray out = forward(block, m, m.randomNormal(new Shape(6, 2)), m.create(new int[] {0, 1, 2, 3, 0, 1}));
            assertEquals(new Shape(6, 8), out.getShape());
            assertEquals(out.getShape(), block.getOutputShapes(new Shape[] {new Shape(6, 2), new Shape(6)})[0]);
            // The label branch's output for the same label is the same row: samples 0 and 4.
            float[] v = out.toFloatArray();
            for (int j = 3; j < 8; j++) {
                assertEquals(v[j], v[4 * 8 + j], 1e-6);
            }
            // and differs between labels 0 and 1.
            double diff = 0;
            for (int j = 3; j < 8; j++) {
                diff += Math.abs(v[j] - v[8 + j]);
            }
            assertEquals(true, diff > 1e-3, "label branch ignores the label");
        }
    }
}
