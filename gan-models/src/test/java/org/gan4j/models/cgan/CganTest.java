package org.gan4j.models.cgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

class CganTest {

    private static final ArchitectureProvider CGAN =
            PluginRegistry.load(ArchitectureProvider.KIND, ArchitectureProvider.class, CganTest.class.getClassLoader())
                    .get("cgan");

    private static NDArray run(Block b, NDManager m, NDArray x, NDArray labels) {
        return b.forward(new ParameterStore(m, false), new NDList(x, labels), false).singletonOrThrow();
    }

    @Test
    void isConditionalWithBatchNormInEveryHiddenLayerOfGAndDsJointLayers() {
        assertTrue(CGAN.conditional());
        ModelSpec spec = new ModelSpec(100, new Shape(1, 28, 28), 10);
        GanNetworks nets = CGAN.create(spec, Options.defaults(ArchitectureProvider.KIND, CGAN));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(4, 100), new Shape(4));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(4, 1, 28, 28), new Shape(4));
            Map<String, Shape> g = shapes(nets.generator());
            // z -> 256, y (10 one-hot) -> 256, joined 512 -> 512 -> 1024 -> 784.
            assertTrue(g.containsValue(new Shape(256, 100)), g.toString());
            assertTrue(g.containsValue(new Shape(256, 10)), g.toString());
            assertTrue(g.containsValue(new Shape(512, 512)), g.toString());
            assertTrue(g.containsValue(new Shape(1024, 512)), g.toString());
            assertTrue(g.containsValue(new Shape(784, 1024)), g.toString());
            Map<String, Shape> d = shapes(nets.discriminator());
            assertTrue(d.containsValue(new Shape(1024, 784)), d.toString());
            assertTrue(d.containsValue(new Shape(1024, 10)), d.toString());
            assertTrue(d.containsValue(new Shape(512, 2048)), d.toString());
            assertTrue(d.containsValue(new Shape(256, 512)), d.toString());
            assertTrue(d.containsValue(new Shape(1, 256)), d.toString());
            assertEquals(4, count(nets.generator(), ai.djl.nn.norm.BatchNorm.class));
            assertEquals(2, count(nets.discriminator(), ai.djl.nn.norm.BatchNorm.class));
        }
    }

    @Test
    void thePapersWidthsAndMaxoutAreOptions() {
        ModelSpec spec = new ModelSpec(100, new Shape(1, 28, 28), 10);
        GanNetworks nets = CGAN.create(spec, Options.resolve(ArchitectureProvider.KIND, CGAN, Map.of(
                "g-z-width", "200", "g-label-width", "1000", "g-hidden", "1200",
                "d-x-width", "240", "d-label-width", "50", "d-hidden", "240", "d-maxout-pieces", "5", "d-norm", "none")));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(4, 100), new Shape(4));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(4, 1, 28, 28), new Shape(4));
            Map<String, Shape> g = shapes(nets.generator());
            assertTrue(g.containsValue(new Shape(200, 100)), g.toString());
            assertTrue(g.containsValue(new Shape(1000, 10)), g.toString());
            assertTrue(g.containsValue(new Shape(1200, 1200)), g.toString());
            Map<String, Shape> d = shapes(nets.discriminator());
            // Maxout: 240 units of 5 pieces read x, 50 of 5 read y, 240 of 5 read the 290 joined.
            assertTrue(d.containsValue(new Shape(1200, 784)), d.toString());
            assertTrue(d.containsValue(new Shape(250, 10)), d.toString());
            assertTrue(d.containsValue(new Shape(1200, 290)), d.toString());
            assertEquals(3, count(nets.discriminator(), org.gan4j.models.blocks.Maxout.class));
            assertEquals(0, count(nets.discriminator(), ai.djl.nn.norm.BatchNorm.class));
        }
    }

    private static long count(Block b, Class<?> type) {
        long n = type.isInstance(b) ? 1 : 0;
        for (var child : b.getChildren()) {
            n += count(child.getValue(), type);
        }
        return n;
    }

    private static Map<String, Shape> shapes(Block b) {
        Map<String, Shape> out = new java.util.TreeMap<>();
        for (var e : b.getParameters()) {
            Parameter p = e.getValue();
            if (p.getType() == Parameter.Type.WEIGHT) {
                out.put(e.getKey(), p.getArray().getShape());
            }
        }
        return out;
    }

    @Test
    void theLabelChangesWhatIsGeneratedAndHowItIsJudged() {
        ModelSpec spec = new ModelSpec(6, new Shape(1, 4, 4), 3);
        GanNetworks nets =
                CGAN.create(
                        spec,
                        Options.resolve(
                                ArchitectureProvider.KIND, CGAN,
                                Map.of("g-z-width", "8", "g-label-width", "8", "g-hidden", "16",
                                        "d-x-width", "8", "d-label-width", "4", "d-hidden", "8")));
        try (NDManager m = NDManager.newBaseManager()) {
            nets.generator().initialize(m, DataType.FLOAT32, new Shape(2, 6), new Shape(2));
            nets.discriminator().initialize(m, DataType.FLOAT32, new Shape(2, 1, 4, 4), new Shape(2));
            NDArray z = m.randomNormal(new Shape(1, 6)).repeat(0, 2);
            NDArray x = run(nets.generator(), m, z, m.create(new int[] {0, 2}));
            assertEquals(new Shape(2, 1, 4, 4), x.getShape());
            assertTrue(x.abs().max().getFloat() <= 1f, "Tanh output");
            float[] v = x.toFloatArray();
            double diff = 0;
            for (int j = 0; j < 16; j++) {
                diff += Math.abs(v[j] - v[16 + j]);
            }
            assertTrue(diff > 1e-4, "same z, different labels, same sample");
            NDArray same = x.get("0:1").repeat(0, 2);
            float[] s = run(nets.discriminator(), m, same, m.create(new int[] {0, 1})).toFloatArray();
            assertEquals(2, s.length);
            assertTrue(Math.abs(s[0] - s[1]) > 1e-6, "the discriminator ignores the label");
        }
    }
}
