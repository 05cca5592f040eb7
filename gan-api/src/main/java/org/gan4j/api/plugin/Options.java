package org.gan4j.api.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.api.ConfigException;

/**
 * The options given to one plugin, checked against the options it declares and read with typed
 * getters. Every getter reports a bad value as a {@link ConfigException} naming the plugin, the
 * option and the value.
 */
public final class Options {

    private final String owner;
    private final Map<String, OptionSpec> specs;
    private final Map<String, String> values;

    private Options(String owner, Map<String, OptionSpec> specs, Map<String, String> values) {
        this.owner = owner;
        this.specs = specs;
        this.values = values;
    }

    /**
     * Checks the given options against a plugin's declared options and fills in defaults.
     *
     * @param kind the plugin's kind, e.g. "model"
     * @param plugin the plugin
     * @param given the options the user gave; may be null for none
     * @return the resolved options
     * @throws ConfigException if an option is not one the plugin declares
     */
    public static Options resolve(String kind, GanPlugin plugin, Map<String, String> given) {
        String owner = kind + " '" + plugin.name() + "'";
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        for (OptionSpec spec : plugin.options()) {
            specs.put(spec.name(), spec);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec spec : specs.values()) {
            values.put(spec.name(), spec.defaultValue());
        }
        if (given != null) {
            for (Map.Entry<String, String> e : given.entrySet()) {
                if (!specs.containsKey(e.getKey())) {
                    throw new ConfigException(
                            owner
                                    + " has no option '"
                                    + e.getKey()
                                    + "'; its options are: "
                                    + (specs.isEmpty() ? "(none)" : String.join(", ", specs.keySet())));
                }
                values.put(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()).trim());
            }
        }
        return new Options(owner, specs, values);
    }

    /**
     * Options for a plugin that is being used directly, e.g. in a test, with no user input.
     *
     * @param kind the plugin's kind
     * @param plugin the plugin
     * @return the plugin's defaults
     */
    public static Options defaults(String kind, GanPlugin plugin) {
        return resolve(kind, plugin, Map.of());
    }

    /**
     * All options with defaults filled in, for recording in a run's config.
     *
     * @return an unmodifiable map from option name to value
     */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * Reads an option as text.
     *
     * @param name the option
     * @return its value
     */
    public String getString(String name) {
        checkDeclared(name);
        return values.get(name);
    }

    /**
     * Reads an option as an integer.
     *
     * @param name the option
     * @return its value
     */
    public int getInt(String name) {
        String v = getString(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(name, v, "an integer");
        }
    }

    /**
     * Reads an option as a number.
     *
     * @param name the option
     * @return its value
     */
    public double getDouble(String name) {
        String v = getString(name);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw invalid(name, v, "a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw invalid(name, v, "a number");
        }
    }

    /**
     * Reads an option as a number that must not be negative (weights, scales, clip values).
     *
     * @param name the option
     * @return its value, 0 or more
     */
    public double getNonNegativeDouble(String name) {
        double d = getDouble(name);
        if (d < 0) {
            throw invalid(name, getString(name), "0 or positive");
        }
        return d;
    }

    /**
     * Reads an option as a fraction in [0, 1) (slopes, rates, smoothing).
     *
     * @param name the option
     * @return its value, at least 0 and below 1
     */
    public double getFraction(String name) {
        double d = getDouble(name);
        if (!(d >= 0 && d < 1)) {
            throw invalid(name, getString(name), "in [0, 1)");
        }
        return d;
    }

    /**
     * Reads an option as {@code true} or {@code false}.
     *
     * @param name the option
     * @return its value
     */
    public boolean getBoolean(String name) {
        String v = getString(name);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(name, v, "true or false");
    }

    /**
     * Reads an option as a comma-separated list of positive integers, e.g. {@code 256,256}.
     *
     * @param name the option
     * @return the integers, at least one
     */
    public List<Integer> getPositiveIntList(String name) {
        String v = getString(name);
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            try {
                int i = Integer.parseInt(part.trim());
                if (i <= 0) {
                    throw invalid(name, v, "comma-separated positive integers, e.g. 128,128");
                }
                out.add(i);
            } catch (NumberFormatException e) {
                throw invalid(name, v, "comma-separated positive integers, e.g. 128,128");
            }
        }
        return List.copyOf(out);
    }

    /**
     * Builds the error for a value that breaks an option's rule, for plugins that check more than
     * the type.
     *
     * @param name the option
     * @param value the value given
     * @param expected what a valid value looks like
     * @return the exception to throw
     */
    public ConfigException invalid(String name, String value, String expected) {
        return new ConfigException(
                owner + " option '" + name + "' must be " + expected + ", got '" + value + "'");
    }

    private void checkDeclared(String name) {
        if (!specs.containsKey(name)) {
            // A plugin reading an option it did not declare is a bug in the plugin, not user error.
            throw new IllegalStateException(owner + " reads undeclared option '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return owner + " " + values;
    }
}
