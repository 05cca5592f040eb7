package org.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    private static final TrainConfig DEFAULTS = TrainConfig.builder().build();

    private static String error(String json) {
        return assertThrows(ConfigException.class, () -> ConfigFiles.parse(json, DEFAULTS, "config file c.json"))
                .getMessage();
    }

    @Test
    void partialConfigKeepsTheOtherDefaults() {
        TrainConfig c =
                ConfigFiles.parse(
                        "{\"dataset\": {\"name\": \"grid\"}, \"steps\": 500, \"generatorOptimizer\": {\"learningRate\": 0.01}}",
                        DEFAULTS, "test");
        assertEquals("grid", c.dataset().name());
        assertEquals(500, c.steps());
        assertEquals(0, c.epochs(), "giving steps clears the default epochs");
        assertEquals(0.01, c.generatorOptimizer().learningRate());
        assertEquals(DEFAULTS.generatorOptimizer().beta1(), c.generatorOptimizer().beta1());
        assertEquals(DEFAULTS.batchSize(), c.batchSize());
        assertEquals(DEFAULTS.model(), c.model());
    }

    @Test
    void switchingPluginsDropsTheOldPluginsOptions() {
        TrainConfig base = DEFAULTS.toBuilder().model(new PluginChoice("mlp", Map.of("g-hidden", "8"))).build();
        TrainConfig c = ConfigFiles.parse("{\"model\": {\"name\": \"other\"}}", base, "test");
        assertEquals(PluginChoice.of("other"), c.model());
        TrainConfig same = ConfigFiles.parse("{\"model\": {\"options\": {\"d-hidden\": \"4\"}}}", base, "test");
        assertEquals(Map.of("g-hidden", "8", "d-hidden", "4"), same.model().options());
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        String top = error("{\"batchsize\": 3}");
        assertTrue(top.startsWith("config file c.json: unknown key 'batchsize'; known keys: batchSize, checkpointEvery, dataDir"), top);
        String nested = error("{\"generatorOptimizer\": {\"lr\": 3}}");
        assertEquals(
                "config file c.json: unknown key 'lr' in 'generatorOptimizer'; known keys: beta1, beta2, epsilon, learningRate",
                nested);
    }

    @Test
    void brokenRulesNameTheKey() {
        assertEquals(
                "config file c.json: generatorOptimizer.learningRate must be a positive number, got -0.5",
                error("{\"generatorOptimizer\": {\"learningRate\": -0.5}}"));
        assertEquals("config file c.json: batchSize must be positive, got 0", error("{\"batchSize\": 0}"));
        assertEquals(
                "config file c.json: model.name 'Big GAN' is invalid; plugin names are lower-case letters, digits and '-'",
                error("{\"model\": {\"name\": \"Big GAN\"}}"));
    }

    @Test
    void wrongTypesAndBadJsonAreOneLine() {
        String type = error("{\"batchSize\": \"many\"}");
        assertTrue(type.startsWith("config file c.json: bad value for 'batchSize': "), type);
        assertTrue(!type.contains("\n"), type);
        String json = error("{\"batchSize\": 3");
        assertTrue(json.startsWith("config file c.json is not valid JSON: "), json);
        assertTrue(json.contains("line 1"), json);
        assertEquals("config file c.json must hold a JSON object", error("[1, 2]"));
    }

    @Test
    void writtenConfigReadsBackEqual(@TempDir Path dir) throws Exception {
        TrainConfig c =
                DEFAULTS.toBuilder()
                        .seed(7)
                        .steps(123)
                        .dataDir("/data")
                        .discriminatorOptimizer(new AdamConfig(3e-4, 0.0, 0.9, 1e-7))
                        .loss(new PluginChoice("minimax", Map.of("a", "1")))
                        .build();
        Path file = dir.resolve("config.json");
        ConfigFiles.write(file, c);
        assertEquals(c, ConfigFiles.read(file, DEFAULTS));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertEquals(
                "config file " + missing + " does not exist",
                assertThrows(ConfigException.class, () -> ConfigFiles.read(missing, DEFAULTS)).getMessage());
    }
}
