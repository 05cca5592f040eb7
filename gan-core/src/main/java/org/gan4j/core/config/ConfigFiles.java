package org.gan4j.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import org.gan4j.api.ConfigException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.core.io.AtomicFiles;

/**
 * Reads and writes {@link TrainConfig} as JSON. A config file may give any subset of the keys;
 * the rest keep their defaults. Unknown keys, wrong types and broken rules are reported in one
 * line naming the file and the key.
 */
public final class ConfigFiles {

    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigFiles() {}

    /** @return the shared mapper, configured for gan4j's files */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a config file over a base config.
     *
     * @param file the JSON file
     * @param base the values for keys the file does not give
     * @return the merged, validated config
     * @throws ConfigException if the file is missing, malformed, or breaks a rule
     */
    public static TrainConfig read(Path file, TrainConfig base) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, base, "config file " + file);
    }

    /**
     * Parses config JSON over a base config.
     *
     * @param json the JSON text, an object
     * @param base the values for keys the JSON does not give
     * @param source how to name the JSON in errors, e.g. "config file run.json"
     * @return the merged, validated config
     */
    public static TrainConfig parse(String json, TrainConfig base, String source) {
        JsonNode given;
        try {
            given = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source + " is not valid JSON: " + e.getOriginalMessage()
                            + location(e), e);
        }
        if (given == null || !given.isObject()) {
            throw new ConfigException(source + " must hold a JSON object");
        }
        ObjectNode merged = MAPPER.valueToTree(base);
        // epochs and steps are alternatives: giving one clears the other.
        if (given.has("steps") && !given.has("epochs")) {
            merged.put("epochs", 0);
        } else if (given.has("epochs") && !given.has("steps")) {
            merged.put("steps", 0);
        }
        mergeInto(merged, (ObjectNode) given);
        try {
            return MAPPER.treeToValue(merged, TrainConfig.class);
        } catch (UnrecognizedPropertyException e) {
            // The path ends with the unknown key itself; name the object that holds it.
            String full = path(e);
            int dot = full.lastIndexOf('.');
            String where = dot < 0 ? "" : full.substring(0, dot);
            String known =
                    e.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
            throw new ConfigException(
                    source + ": unknown key '" + e.getPropertyName() + "'"
                            + (where.isEmpty() ? "" : " in '" + where + "'")
                            + "; known keys: " + known, e);
        } catch (JsonMappingException e) {
            ConfigException rule = findConfigException(e);
            String where = path(e);
            if (rule != null) {
                // A nested record's message names its own field; prefix the enclosing key.
                String prefix = where.isEmpty() || rule.getMessage().startsWith(where) ? "" : where + ".";
                throw new ConfigException(source + ": " + prefix + rule.getMessage(), e);
            }
            throw new ConfigException(
                    source + ": bad value for '" + where + "': " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + firstLine(e.getOriginalMessage()), e);
        }
    }

    /**
     * Writes a config atomically.
     *
     * @param file the target
     * @param config the config
     * @throws IOException if writing fails
     */
    public static void write(Path file, TrainConfig config) throws IOException {
        AtomicFiles.writeString(file, MAPPER.writeValueAsString(config) + "\n");
    }

    /**
     * Serializes a config, e.g. for provenance.
     *
     * @param config the config
     * @return pretty-printed JSON
     */
    public static String toJson(TrainConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void mergeInto(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode existing = target.get(e.getKey());
            // Plugin options belong to one plugin: a new plugin name brings its own options.
            boolean pluginSwitched =
                    existing != null && existing.isObject() && e.getValue().isObject()
                            && e.getValue().has("name")
                            && !e.getValue().get("name").equals(existing.get("name"));
            if (existing != null && existing.isObject() && e.getValue().isObject() && !pluginSwitched) {
                mergeInto((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static ConfigException findConfigException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigException ce) {
                return ce;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
