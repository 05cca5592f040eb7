package org.gan4j.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.core.plugin.PluginCatalog;
import org.junit.jupiter.api.Test;

/** The FLOP count behind the benchmark's GFLOP/s, against DCGAN-64's layers counted by hand. */
class StepFlopsTest {

    @Test
    void dcgan64sStepIsCountedLayerByLayer() {
        // Per sample, multiply-adds: G's transposed convolutions scatter Cin * Cout * 16 per input
        // pixel, D's convolutions gather Cout * Cin * 16 per output pixel.
        long g1 = 100L * 512 * 16; // 1x1 -> 4x4
        long g = g1 + 512L * 256 * 16 * 16 + 256L * 128 * 16 * 64 + 128L * 64 * 16 * 256 + 64L * 3 * 16 * 1024;
        long d1 = 64L * 3 * 16 * 1024; // 64x64 -> 32x32
        long d = d1 + 128L * 64 * 16 * 256 + 256L * 128 * 16 * 64 + 512L * 256 * 16 * 16 + 512L * 16;
        int batch = 64;
        try (NDManager manager = NDManager.newBaseManager()) {
            PluginCatalog plugins = PluginCatalog.load(StepFlopsTest.class.getClassLoader());
            ArchitectureProvider dcgan = plugins.models().get("dcgan");
            ModelSpec spec = new ModelSpec(100, new Shape(3, 64, 64), 0);
            GanNetworks built = dcgan.create(spec, Options.defaults("model", dcgan));
            built.generator().initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(batch, 100));
            built.discriminator().initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(batch, 3, 64, 64));

            StepFlops flops = StepFlops.of(built.generator(), built.discriminator());

            assertEquals(batch * g, flops.generator(), 0);
            assertEquals(batch * g1, flops.generatorFirst(), 0);
            assertEquals(batch * d, flops.discriminator(), 0);
            assertEquals(batch * d1, flops.discriminatorFirst(), 0);
            // D update: G + 2 D forward + 2 D weight gradients + 2 (D - D1) input gradients;
            // G update: G + D forward + D input gradients + G weight + (G - G1) input gradients.
            long perSample = (g + 6 * d - 2 * d1) + (3 * g + 2 * d - g1);
            assertEquals(2.0 * batch * perSample, flops.perStep(), 0);
            assertEquals(158.968, flops.perStep() / 1e9, 0.001);
        }
    }
}
