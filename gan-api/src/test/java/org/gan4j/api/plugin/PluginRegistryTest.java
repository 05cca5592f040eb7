package org.gan4j.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import org.gan4j.api.model.ArchitectureProvider;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    private static ArchitectureProvider plugin(String name) {
        ArchitectureProvider p = mock(ArchitectureProvider.class);
        when(p.name()).thenReturn(name);
        return p;
    }

    @Test
    void findsPluginsByName() {
        ArchitectureProvider mlp = plugin("mlp");
        ArchitectureProvider dcgan = plugin("dcgan");
        PluginRegistry<ArchitectureProvider> registry = PluginRegistry.of("model", List.of(mlp, dcgan));
        assertSame(mlp, registry.get("mlp"));
        assertSame(dcgan, registry.get("dcgan"));
        assertEquals(List.of("dcgan", "mlp"), List.copyOf(registry.names()));
    }

    @Test
    void unknownNameListsTheNamesAvailable() {
        PluginRegistry<ArchitectureProvider> registry =
                PluginRegistry.of("model", List.of(plugin("mlp"), plugin("dcgan")));
        UnknownPluginException e = assertThrows(UnknownPluginException.class, () -> registry.get("gpt"));
        assertEquals("unknown model 'gpt'; available: dcgan, mlp", e.getMessage());
        assertEquals(Set.of("mlp", "dcgan"), e.available());
    }

    @Test
    void duplicateNamesAreReportedWithBothClasses() {
        ArchitectureProvider first = plugin("mlp");
        ArchitectureProvider second = plugin("mlp");
        PluginException e =
                assertThrows(PluginException.class, () -> PluginRegistry.of("model", List.of(first, second)));
        assertTrue(e.getMessage().startsWith("two model plugins are named 'mlp': "), e.getMessage());
        assertTrue(e.getMessage().contains(first.getClass().getName()), e.getMessage());
    }

    @Test
    void invalidNamesAreRejected() {
        for (String bad : new String[] {"MLP", "my gan", "", "a_b"}) {
            PluginException e =
                    assertThrows(PluginException.class, () -> PluginRegistry.of("model", List.of(plugin(bad))));
            assertTrue(e.getMessage().contains("names must match [a-z0-9-]+"), e.getMessage());
        }
    }

    @Test
    void serviceLoaderFindsNothingOnAnEmptyClassPath() {
        ClassLoader empty = new ClassLoader(null) {};
        PluginRegistry<ArchitectureProvider> registry =
                PluginRegistry.load("model", ArchitectureProvider.class, empty);
        assertTrue(registry.names().isEmpty());
        assertEquals("unknown model 'mlp'; available: (none)",
                assertThrows(UnknownPluginException.class, () -> registry.get("mlp")).getMessage());
    }
}
