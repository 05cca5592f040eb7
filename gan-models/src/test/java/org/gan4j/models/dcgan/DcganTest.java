package org.gan4j.models.dcgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.models.blocks.TransposedConv2d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DcganTest {

    private static final PluginRegistry<ArchitectureProvider> MODELS =
            PluginRegistry.load(ArchitectureProvider.KIND, ArchitectureProvider.class, DcganTest.class.getClassLoader());
    private static final ArchitectureProvider DCGAN = MODELS.get("dcgan");
    private static final ArchitectureProvider CDCGAN = MODELS.get("cdcgan");

    private static GanNetworks build(ArchitectureProvider arch, ModelSpec spec, Map<String, String> options) {
        return arch.create(spec, Options.resolve(ArchitectureProvider.KIND, arch, options));
    }

    private static NDArray forward(Block b, NDManager m, boolean training, NDArray... in) {
        return b.forward(new ParameterStore(m, false), new NDList(in), training).singletonOrThrow();
    }

    /** Every block of a tree, depth first. */
    private static List<Block> blocks(Block root) {
        List<Block> out = new ArrayList<>();
        out.add(root);
        for (var child : root.getChildren()) {
            out.addAll(blocks(child.getValue()));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"28, 1", "32, 3", "64, 3", "64, 1"})
    void generatorDrawsImagesInMinusOneToOneAndDiscriminatorScoresThem(int size, int channels) {
        ModelSpec spec = new ModelSpec(16, new Shape(channels, size, size), 0);
        GanNetworks nets = build(DCGAN, spec, Map.of("width", "0.125"));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(4, 16));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(4, channels, size, size));
            NDArray x = forward(nets.generator(), m, true, m.randomNormal(new Shape(4, 16)));
            assertEquals(new Shape(4, channels, size, size), x.getShape());
            assertTrue(x.abs().max().getFloat() <= 1f, "Tanh output");
            assertEquals(new Shape(4, 1), forward(nets.discriminator(), m, true, x).getShape());
            // The shapes the blocks declare agree with what they compute.
            assertEquals(x.getShape(), nets.generator().getOutputShapes(new Shape[] {new Shape(4, 16)})[0]);
        }
    }

    @Test
    void theRecipeIsRadfordEtAls() {
        ModelSpec spec = new ModelSpec(100, new Shape(3, 64, 64), 0);
        GanNetworks nets = build(DCGAN, spec, Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(2, 100));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(2, 3, 64, 64));
            List<Block> g = blocks(nets.generator());
            List<Block> d = blocks(nets.discriminator());
            // G: 5 transposed convolutions (channels 512, 256, 128, 64, 3 at width 1), batch norm
            // after all but the last, ReLU inside and Tanh at the output.
            List<TransposedConv2d> up = g.stream().filter(b -> b instanceof TransposedConv2d).map(b -> (TransposedConv2d) b).toList();
            assertEquals(List.of(512, 256, 128, 64, 3), up.stream().map(TransposedConv2d::filters).toList());
            assertEquals(4, g.stream().filter(b -> b instanceof BatchNorm).count());
            List<ActivationBlock> gAct = g.stream().filter(b -> b instanceof ActivationBlock).map(b -> (ActivationBlock) b).toList();
            assertEquals(ActivationBlock.Kind.TANH, gAct.get(gAct.size() - 1).kind());
            assertTrue(gAct.subList(0, gAct.size() - 1).stream().allMatch(a -> a.kind() == ActivationBlock.Kind.RELU));
            // D: 5 convolutions, batch norm on all hidden ones but not the first, LeakyReLU 0.2.
            assertEquals(5, d.stream().filter(b -> b instanceof Conv2d).count());
            assertEquals(3, d.stream().filter(b -> b instanceof BatchNorm).count());
            assertTrue(d.get(1) instanceof Conv2d && d.get(2) instanceof ActivationBlock, "no batch norm at D's input");
            d.stream().filter(b -> b instanceof ActivationBlock).forEach(a -> {
                assertEquals(ActivationBlock.Kind.LEAKY_RELU, ((ActivationBlock) a).kind());
                assertEquals(0.2f, ((ActivationBlock) a).slope());
            });
            // Weights N(0, 0.02): pooled over all convolution weights, the std is 0.02 within 2%.
            double sum = 0;
            double sq = 0;
            long n = 0;
            for (Block net : List.of(nets.generator(), nets.discriminator())) {
                for (var p : net.getParameters()) {
                    if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                        float[] w = p.getValue().getArray().toFloatArray();
                        for (float v : w) {
                            sum += v;
                            sq += v * v;
                        }
                        n += w.length;
                    } else if (p.getValue().getType() == Parameter.Type.GAMMA) {
                        NDArray gamma = p.getValue().getArray();
                        assertEquals(1.0, gamma.mean().getFloat(), 0.02, "batch norm scale starts near 1");
                    }
                }
            }
            double mean = sum / n;
            assertEquals(0.0, mean, 1e-3);
            assertEquals(0.02, Math.sqrt(sq / n - mean * mean), 0.0004);
        }
        TrainConfig recipe = DCGAN.recommendedSettings(TrainConfig.builder()).build();
        assertEquals(2e-4, recipe.generatorOptimizer().learningRate());
        assertEquals(0.5, recipe.discriminatorOptimizer().beta1());
        assertEquals(128, recipe.batchSize());
        assertEquals(100, recipe.latentSize());
    }

    @Test
    void theWidthMultiplierScalesEveryLayerAndDNormCanBeOff() {
        ModelSpec spec = new ModelSpec(8, new Shape(1, 28, 28), 0);
        GanNetworks nets = build(DCGAN, spec, Map.of("width", "0.5", "d-norm", "none"));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(2, 8));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            List<Integer> filters =
                    blocks(nets.generator()).stream().filter(b -> b instanceof TransposedConv2d)
                            .map(b -> ((TransposedConv2d) b).filters()).toList();
            assertEquals(List.of(64, 32, 1), filters);
            assertEquals(0, blocks(nets.discriminator()).stream().filter(b -> b instanceof BatchNorm).count());
        }
    }

    @Test
    void unsupportedShapesAndBadOptionsSayWhatToDo() {
        assertTrue(DCGAN.unsupportedReason(new ModelSpec(8, new Shape(2), 0)).contains("choose an image dataset"));
        assertTrue(DCGAN.unsupportedReason(new ModelSpec(8, new Shape(3, 48, 48), 0)).contains("28, 32 or 64"));
        assertTrue(DCGAN.unsupportedReason(new ModelSpec(8, new Shape(2, 32, 32), 0)).contains("1 or 3 channels"));
        assertNull(DCGAN.unsupportedReason(new ModelSpec(8, new Shape(3, 32, 32), 0)));
        ModelSpec ok = new ModelSpec(8, new Shape(1, 28, 28), 0);
        assertEquals("model 'dcgan' option 'width' must be a positive number (64 x width >= 1 channel), got '0'",
                assertThrows(ConfigException.class, () -> build(DCGAN, ok, Map.of("width", "0"))).getMessage());
        assertEquals("model 'dcgan' option 'd-norm' must be batch or none, got 'layer'",
                assertThrows(ConfigException.class, () -> build(DCGAN, ok, Map.of("d-norm", "layer"))).getMessage());
    }

    @Test
    void theConditionalDcganDrawsWhatTheLabelSays() {
        assertTrue(CDCGAN.conditional());
        ModelSpec spec = new ModelSpec(8, new Shape(1, 28, 28), 4);
        GanNetworks nets = build(CDCGAN, spec, Map.of("width", "0.125"));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(2, 8), new Shape(2));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28), new Shape(2));
            NDArray z = m.randomNormal(new Shape(1, 8)).repeat(0, 2);
            NDArray x = forward(nets.generator(), m, false, z, m.create(new int[] {0, 3}));
            assertEquals(new Shape(2, 1, 28, 28), x.getShape());
            assertTrue(x.get("0").sub(x.get("1")).abs().max().getFloat() > 1e-5, "same z, another label, same image");
            NDArray same = x.get("0:1").repeat(0, 2);
            float[] s = forward(nets.discriminator(), m, false, same, m.create(new int[] {0, 3})).toFloatArray();
            assertTrue(Math.abs(s[0] - s[1]) > 1e-7, "D ignores the label");
            // D's first convolution sees 1 image channel plus 4 label maps.
            Conv2d first = (Conv2d) blocks(nets.discriminator()).stream().filter(b -> b instanceof Conv2d).findFirst().orElseThrow();
            assertEquals(5, first.getParameters().get("weight").getArray().getShape().get(1));
        }
    }
}
