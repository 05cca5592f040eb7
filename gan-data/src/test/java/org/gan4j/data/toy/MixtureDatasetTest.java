package org.gan4j.data.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.GaussianMixture;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

class MixtureDatasetTest {

    private static GanDataset open(String name, long seed, Map<String, String> options) {
        DatasetProvider p =
                PluginRegistry.load(DatasetProvider.KIND, DatasetProvider.class, MixtureDatasetTest.class.getClassLoader())
                        .get(name);
        return p.open(new DatasetRequest(null, seed, Options.resolve(DatasetProvider.KIND, p, options)));
    }

    @Test
    void ringAndGridFollowThePacGanSpec() {
        GaussianMixture ring = open("ring", 1, Map.of()).mixture().orElseThrow();
        assertEquals(8, ring.modes());
        assertEquals(0.01, ring.sigma());
        for (double[] c : ring.centres()) {
            assertEquals(1.0, Math.hypot(c[0], c[1]), 1e-12);
        }
        GanDataset grid = open("grid", 1, Map.of());
        assertEquals(25, grid.mixture().orElseThrow().modes());
        assertEquals(0.05, grid.mixture().orElseThrow().sigma());
        assertEquals(0.25, grid.scale(), "grid centres at +-4 are scaled into [-1, 1]");
        assertEquals(1.0, open("ring", 1, Map.of()).scale());
    }

    @Test
    void samplesLieNearTheModesWithTheRightSpread() {
        for (String name : new String[] {"ring", "grid"}) {
            GanDataset data = open(name, 3, Map.of("samples", "20000"));
            GaussianMixture mix = data.mixture().orElseThrow();
            double sumSq = 0;
            int n = 0;
            int[] perMode = new int[mix.modes()];
            for (Iterator<SampleBatch> it = data.epoch(0, 1000); it.hasNext(); ) {
                SampleBatch b = it.next();
                assertNull(b.labels());
                for (int i = 0; i < b.size(); i++) {
                    double x = b.values()[2 * i] / data.scale();
                    double y = b.values()[2 * i + 1] / data.scale();
                    double best = Double.MAX_VALUE;
                    int arg = -1;
                    for (int m = 0; m < mix.modes(); m++) {
                        double d = Math.pow(x - mix.centres()[m][0], 2) + Math.pow(y - mix.centres()[m][1], 2);
                        if (d < best) {
                            best = d;
                            arg = m;
                        }
                    }
                    sumSq += best;
                    perMode[arg]++;
                    n++;
                }
            }
            // E|x - c|^2 = 2 sigma^2 for a 2-D isotropic Gaussian.
            double sigmaHat = Math.sqrt(sumSq / n / 2);
            assertEquals(mix.sigma(), sigmaHat, mix.sigma() * 0.05, name);
            for (int count : perMode) {
                assertEquals((double) n / mix.modes(), count, 0.2 * n / mix.modes(), name + " modes are equally weighted");
            }
        }
    }

    @Test
    void batchesAreAFunctionOfSeedEpochAndPosition() {
        List<float[]> a = values(open("ring", 7, Map.of("samples", "1000")), 0);
        List<float[]> b = values(open("ring", 7, Map.of("samples", "1000")), 0);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertFalse(java.util.Arrays.equals(a.get(0), values(open("ring", 7, Map.of("samples", "1000")), 1).get(0)),
                "another epoch draws other samples");
        assertFalse(java.util.Arrays.equals(a.get(0), values(open("ring", 8, Map.of("samples", "1000")), 0).get(0)),
                "another seed draws other samples");
    }

    @Test
    void anEpochHasSizeOverBatchFullBatches() {
        List<float[]> batches = values(open("grid", 1, Map.of("samples", "1000")), 0);
        assertEquals(3, batches.size());
        for (float[] b : batches) {
            assertEquals(300 * 2, b.length);
        }
    }

    @Test
    void badSampleCountIsReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> open("ring", 1, Map.of("samples", "0")));
        assertEquals("dataset 'ring' option 'samples' must be a positive integer, got '0'", e.getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> open("ring", 1, Map.of("size", "3")))
                .getMessage().contains("has no option 'size'"));
    }

    private static List<float[]> values(GanDataset data, long epoch) {
        List<float[]> out = new ArrayList<>();
        int batch = data.size() == 1000 ? 300 : 100;
        data.epoch(epoch, batch).forEachRemaining(b -> out.add(b.values()));
        return out;
    }
}
