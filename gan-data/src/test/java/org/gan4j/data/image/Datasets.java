package org.gan4j.data.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;

/** Opens datasets the way gan4j does, through the plugin registry, for tests. */
final class Datasets {

    private Datasets() {}

    static GanDataset open(String name, Path dir, long seed, Map<String, String> options) {
        DatasetProvider p = PluginRegistry.load(DatasetProvider.KIND, DatasetProvider.class, Datasets.class.getClassLoader())
                .get(name);
        return p.open(new DatasetRequest(dir, seed, Options.resolve(DatasetProvider.KIND, p, options)));
    }

    static List<SampleBatch> batches(GanDataset data, long epoch, int batchSize) {
        List<SampleBatch> out = new ArrayList<>();
        data.epoch(epoch, batchSize).forEachRemaining(out::add);
        return out;
    }

    /** Position p of an epoch, as one sample's values, from batches of size b. */
    static float[] sample(List<SampleBatch> batches, int p, int sampleSize) {
        SampleBatch b = batches.get(p / batches.get(0).size());
        int i = p % b.size();
        return java.util.Arrays.copyOfRange(b.values(), i * sampleSize, (i + 1) * sampleSize);
    }
}
