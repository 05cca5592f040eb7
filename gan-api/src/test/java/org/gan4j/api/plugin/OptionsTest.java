package org.gan4j.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final GanPlugin PLUGIN =
            new GanPlugin() {
                @Override
                public String name() {
                    return "demo";
                }

                @Override
                public String description() {
                    return "a demo";
                }

                @Override
                public List<OptionSpec> options() {
                    return List.of(
                            new OptionSpec("hidden", "64,64", "widths"),
                            new OptionSpec("rate", "0.5", "a number"),
                            new OptionSpec("flag", "false", "a switch"));
                }
            };

    @Test
    void defaultsFillTheGaps() {
        Options o = Options.resolve("model", PLUGIN, Map.of("rate", "0.25"));
        assertEquals(List.of(64, 64), o.getPositiveIntList("hidden"));
        assertEquals(0.25, o.getDouble("rate"));
        assertFalse(o.getBoolean("flag"));
        assertEquals(Map.of("hidden", "64,64", "rate", "0.25", "flag", "false"), o.asMap());
    }

    @Test
    void unknownOptionListsTheOptions() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Options.resolve("model", PLUGIN, Map.of("depth", "3")));
        assertEquals("model 'demo' has no option 'depth'; its options are: hidden, rate, flag", e.getMessage());
    }

    @Test
    void badValuesNameThePluginOptionAndValue() {
        Options o = Options.resolve("model", PLUGIN, Map.of("hidden", "64,-1", "rate", "fast", "flag", "yes"));
        assertEquals(
                "model 'demo' option 'hidden' must be comma-separated positive integers, e.g. 128,128, got '64,-1'",
                assertThrows(ConfigException.class, () -> o.getPositiveIntList("hidden")).getMessage());
        assertEquals(
                "model 'demo' option 'rate' must be a number, got 'fast'",
                assertThrows(ConfigException.class, () -> o.getDouble("rate")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> o.getBoolean("flag")).getMessage().contains("true or false"));
    }
}
