package org.gan4j.starter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.eval.ToyMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quality check sized for the test suite (about 20 seconds): the default recipe, cut to 3,000
 * steps, must already cover the ring's modes. The full default run (12,000 steps) reaches 8/8
 * with 85-91% high-quality samples; see docs/BENCHMARKS.md.
 */
class DefaultRunQualityTest {

    @Test
    void shortDefaultRunCoversTheRing(@TempDir Path dir) {
        TrainConfig config = TrainConfig.builder().steps(3000).seed(7).build();
        Map<String, Double> m = FullRuns.train(config, PluginCatalog.load(getClass().getClassLoader()), dir.resolve("run"))
                .metrics();
        // Measured with seed 7: 8 modes, 26.9% high quality, reverse KL 0.0375.
        assertTrue(m.get(ToyMetrics.MODES) >= 7, "modes " + m);
        assertTrue(m.get(ToyMetrics.HIGH_QUALITY) >= 15, "high quality " + m);
        assertTrue(m.get(ToyMetrics.REVERSE_KL) < 0.2, "reverse KL " + m);
    }
}
