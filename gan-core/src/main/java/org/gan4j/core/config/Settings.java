package org.gan4j.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.core.plugin.PluginCatalog;

/**
 * A run's settings in layers, each over the one before: gan4j's defaults, the architecture's
 * recipe (e.g. DCGAN's Adam 2e-4 with beta1 0.5 and batch 128), a config file, and overrides.
 * Keys are those of {@code config.json}, dotted for nested ones: {@code steps}, {@code model} (a
 * plugin's name), {@code model.options.width}, {@code generatorOptimizer.learningRate}. Giving
 * {@code epochs} clears {@code steps} and the other way round; naming another plugin than the layer
 * below drops that plugin's options there. The {@code gan} command maps its flags onto these
 * overrides.
 *
 * <pre>{@code
 * RunSettings settings = Settings.defaults()
 *         .set("model", "dcgan").set("dataset", "fashion-mnist").set("epochs", 5)
 *         .resolve(plugins);
 * }</pre>
 */
public final class Settings {

    private final Path file;
    private final ObjectNode overrides;

    private Settings(Path file, ObjectNode overrides) {
        this.file = file;
        this.overrides = overrides;
    }

    /** @return gan4j's defaults (an MLP GAN on the 8-mode ring), with no file and no overrides */
    public static Settings defaults() {
        return new Settings(null, ConfigFiles.mapper().createObjectNode());
    }

    /**
     * These settings over a config file (JSON, any subset of {@code config.json}'s keys).
     *
     * @param configFile the file
     * @return new settings
     */
    public Settings file(Path configFile) {
        return new Settings(Objects.requireNonNull(configFile, "configFile"), overrides.deepCopy());
    }

    /**
     * These settings with one value overridden.
     *
     * @param key a {@code config.json} key, dotted for nested keys; a plugin's key ({@code game},
     *     {@code model}, {@code loss}, {@code dataset}) takes the plugin's name
     * @param value a string, number, boolean, list or map, as the key's JSON value would be
     * @return new settings
     * @throws ConfigException if the key is empty or malformed
     */
    public Settings set(String key, Object value) {
        if (key == null || key.isBlank() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new ConfigException("invalid setting key '" + key + "'; give a config.json key, e.g. steps or"
                    + " model.options.width");
        }
        ObjectNode copy = overrides.deepCopy();
        String[] parts = key.split("\\.");
        if (parts.length == 1 && isPlugin(key) && value instanceof String name) {
            // A plugin by name: its options come from other keys (or the layer below).
            ObjectNode plugin = copy.has(key) && copy.get(key).isObject() ? (ObjectNode) copy.get(key) : copy.putObject(key);
            plugin.put("name", name);
            return new Settings(file, copy);
        }
        ObjectNode node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            node = next != null && next.isObject() ? (ObjectNode) next : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], ConfigFiles.mapper().valueToTree(value));
        return new Settings(file, copy);
    }

    private static boolean isPlugin(String key) {
        return key.equals("game") || key.equals("model") || key.equals("loss") || key.equals("dataset");
    }

    /**
     * The layers merged into one config, validated: defaults, the recipe of the architecture the
     * upper layers name, the file, the overrides.
     *
     * @param plugins where to find the architecture's recipe
     * @return the config
     * @throws ConfigException naming the file or the setting and the rule broken
     */
    public TrainConfig layered(PluginCatalog plugins) {
        TrainConfig defaults = TrainConfig.builder().build();
        TrainConfig base = file != null ? ConfigFiles.read(file, defaults) : defaults;
        // The architecture is known only now; its recipe replaces gan4j's defaults, under the file
        // and the overrides.
        JsonNode model = overrides.path("model").path("name");
        String modelName = model.isTextual() ? model.asText() : base.model().name();
        TrainConfig recommended = plugins.models().get(modelName).recommendedSettings(defaults.toBuilder()).build();
        if (!recommended.equals(defaults)) {
            base = file != null ? ConfigFiles.read(file, recommended) : recommended;
        }
        if (overrides.isEmpty()) {
            return base;
        }
        try {
            return ConfigFiles.parse(ConfigFiles.mapper().writeValueAsString(overrides), base, "invalid setting");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings made of JSON values always write", e);
        }
    }

    /**
     * The layers merged, validated and resolved against the plugins: what a trainer runs.
     *
     * @param plugins the plugins
     * @return the run's settings
     */
    public RunSettings resolve(PluginCatalog plugins) {
        return RunSettings.resolve(layered(plugins), plugins);
    }
}
