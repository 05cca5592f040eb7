package org.gan4j.core.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class EmaNetworkTest {

    private static Block net() {
        return new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(BatchNorm.builder().build());
    }

    @Test
    void theAverageMovesByOneMinusDecayAndCopiesRunningStatistics() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = net();
            g.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            EmaNetwork ema = new EmaNetwork(net(), g, java.util.List.of(new Shape(2, 4)), m, 0.75);
            float[] w0 = g.getParameters().get("01Linear_weight").getArray().toFloatArray();
            // Change the generator as an update would, and move its running statistics by a forward pass.
            g.getParameters().get("01Linear_weight").getArray().addi(2f);
            g.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(8, 4))), true);
            float[] w1 = g.getParameters().get("01Linear_weight").getArray().toFloatArray();
            ema.update();
            float[] e = ema.network().getParameters().get("01Linear_weight").getArray().toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(0.75f * w0[i] + 0.25f * w1[i], e[i], 1e-6f);
            }
            float[] mean = g.getParameters().get("02BatchNorm_runningMean").getArray().toFloatArray();
            float[] emaMean = ema.network().getParameters().get("02BatchNorm_runningMean").getArray().toFloatArray();
            for (int i = 0; i < mean.length; i++) {
                assertEquals(mean[i], emaMean[i], 0f, "running statistics are copied, not averaged");
            }
            assertEquals(false, mean[0] == 0f && mean[1] == 0f && mean[2] == 0f, "the forward pass moved them");
        }
    }
}
