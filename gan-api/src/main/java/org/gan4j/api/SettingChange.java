package org.gan4j.api;

import java.util.Objects;

/**
 * One setting a remedy changes: a {@code config.json} key, dotted for nested ones ({@code loss},
 * {@code discriminatorSteps}, {@code model.options.pack}, {@code
 * discriminatorOptimizer.learningRate}; {@code regularizers} adds the named regularizer), and the
 * value to give it, or null when the remedy only says which way to move it ("lower").
 *
 * @param setting the key
 * @param value the value, or null
 */
public record SettingChange(String setting, String value) {

    /** Requires the key. */
    public SettingChange {
        Objects.requireNonNull(setting, "setting");
    }

    /**
     * A change to a value.
     *
     * @param setting the key
     * @param value the value
     * @return the change
     */
    public static SettingChange to(String setting, Object value) {
        return new SettingChange(setting, String.valueOf(value));
    }

    /**
     * A setting to move, in the direction the remedy's action says.
     *
     * @param setting the key
     * @return the change
     */
    public static SettingChange of(String setting) {
        return new SettingChange(setting, null);
    }
}
