package org.gan4j.models.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.models.blocks.PackBlock;
import org.junit.jupiter.api.Test;

class MlpGanTest {

    private static final ArchitectureProvider MLP =
            PluginRegistry.load(ArchitectureProvider.KIND, ArchitectureProvider.class, MlpGanTest.class.getClassLoader())
                    .get("mlp");

    private static GanNetworks build(ModelSpec spec, Map<String, String> options) {
        return MLP.create(spec, Options.resolve(ArchitectureProvider.KIND, MLP, options));
    }

    private static NDArray forward(Block block, NDManager m, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void networksMapLatentToSamplesAndSamplesToOneScore() {
        ModelSpec spec = new ModelSpec(5, new Shape(2), 0);
        GanNetworks nets = build(spec, Map.of("g-hidden", "16,8", "d-hidden", "4", "pack", "1"));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(3, 5));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(3, 2));
            NDArray x = forward(nets.generator(), m, m.randomNormal(new Shape(7, 5)));
            assertEquals(new Shape(7, 2), x.getShape());
            assertEquals(new Shape(7, 1), forward(nets.discriminator(), m, x).getShape());
        }
        // Layers: Linear(16) act Linear(8) act Linear(2) for G; Linear(4) act Linear(1) for D.
        SequentialBlock g = (SequentialBlock) nets.generator();
        assertEquals(5, g.getChildren().size());
        assertEquals(16, ((Linear) g.getChildren().get(0).getValue()).getOutputShapes(new Shape[] {new Shape(1, 5)})[0].get(1));
        ActivationBlock dAct = (ActivationBlock) nets.discriminator().getChildren().get(1).getValue();
        assertEquals(ActivationBlock.Kind.LEAKY_RELU, dAct.kind());
        assertEquals(0.2f, dAct.slope());
    }

    @Test
    void imageShapedSamplesAreReshaped() {
        ModelSpec spec = new ModelSpec(4, new Shape(1, 3, 3), 0);
        GanNetworks nets = build(spec, Map.of("pack", "1"));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(2, 4));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(2, 1, 3, 3));
            NDArray x = forward(nets.generator(), m, m.randomNormal(new Shape(6, 4)));
            assertEquals(new Shape(6, 1, 3, 3), x.getShape());
            assertEquals(new Shape(6, 1), forward(nets.discriminator(), m, x).getShape());
        }
    }

    @Test
    void packingOfFourIsTheDefault() {
        assertEquals(4, MLP.batchMultiple(Options.defaults(ArchitectureProvider.KIND, MLP)));
    }

    @Test
    void packingJudgesGroupsOfSamples() {
        ModelSpec spec = new ModelSpec(3, new Shape(2), 0);
        Options options = Options.resolve(ArchitectureProvider.KIND, MLP, Map.of("pack", "4"));
        assertEquals(4, MLP.batchMultiple(options));
        GanNetworks nets = MLP.create(spec, options);
        assertInstanceOf(PackBlock.class, nets.discriminator().getChildren().get(0).getValue());
        try (NDManager m = NDManager.newBaseManager()) {
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(8, 2));
            NDArray x = m.arange(16f).reshape(8, 2);
            // Four samples of 2 values become one input of 8 values: 8 samples, 2 scores.
            assertEquals(new Shape(2, 1), forward(nets.discriminator(), m, x).getShape());
            NDArray packed = forward(new PackBlock(4), m, x);
            assertEquals(new Shape(2, 8), packed.getShape());
            assertEquals(8f, packed.getFloat(1, 0), "the second group starts at the fifth sample");
        }
    }

    @Test
    void activationsComputeWhatTheySay() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2f, 0.5f});
            assertEquals(-0.4f, forward(ActivationBlock.leakyRelu(0.2f), m, x).getFloat(0), 1e-7);
            assertEquals(0f, forward(ActivationBlock.relu(), m, x).getFloat(0));
            assertEquals((float) Math.tanh(0.5), forward(ActivationBlock.tanh(), m, x).getFloat(1), 1e-7);
            assertEquals((float) (1 / (1 + Math.exp(2))), forward(ActivationBlock.sigmoid(), m, x).getFloat(0), 1e-7);
        }
    }

    @Test
    void badOptionsAreRejectedAndTheModelIsUnconditional() {
        ModelSpec spec = new ModelSpec(2, new Shape(2), 0);
        assertEquals(
                "model 'mlp' option 'g-activation' must be relu, leaky-relu, tanh or sigmoid, got 'gelu'",
                assertThrows(ConfigException.class, () -> build(spec, Map.of("g-activation", "gelu"))).getMessage());
        assertEquals(
                "model 'mlp' option 'leaky-slope' must be in [0, 1), got '1.5'",
                assertThrows(ConfigException.class, () -> build(spec, Map.of("leaky-slope", "1.5"))).getMessage());
        assertEquals(
                "model 'mlp' option 'pack' must be a positive integer, got '0'",
                assertThrows(ConfigException.class, () -> build(spec, Map.of("pack", "0"))).getMessage());
        // Unconditional: on a labelled dataset the trainer gives it a spec without classes.
        assertFalse(MLP.conditional());
    }
}
