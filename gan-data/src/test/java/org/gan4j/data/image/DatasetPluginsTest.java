package org.gan4j.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

class DatasetPluginsTest {

    @Test
    void everyDatasetIsDiscoveredWithItsOptions() {
        PluginRegistry<DatasetProvider> registry =
                PluginRegistry.load(DatasetProvider.KIND, DatasetProvider.class, getClass().getClassLoader());
        assertEquals(Set.of("fashion-mnist", "grid", "image-folder", "mnist", "ring", "shapes"), registry.names());
        assertEquals(List.of("size=28", "split=train"), options(registry.get("fashion-mnist")));
        assertEquals(List.of("size=28", "split=train"), options(registry.get("mnist")));
        assertEquals(List.of("size=64", "channels=3"), options(registry.get("image-folder")));
        assertEquals(List.of("size=32", "channels=1", "samples=12800"), options(registry.get("shapes")));
        for (DatasetProvider p : registry.all()) {
            assertTrue(!p.description().isBlank() && !p.description().contains("\n"), p.name());
        }
    }

    private static List<String> options(DatasetProvider p) {
        return p.options().stream().map((OptionSpec o) -> o.name() + "=" + o.defaultValue()).toList();
    }
}
