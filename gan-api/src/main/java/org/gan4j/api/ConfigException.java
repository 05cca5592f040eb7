package org.gan4j.api;

/**
 * Invalid configuration: a value breaks a rule, a key is unknown, or a required value is missing.
 * The message names the field and the rule broken.
 */
public class ConfigException extends GanException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a configuration error.
     *
     * @param message the field, the rule broken and the value given
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates a configuration error with its cause.
     *
     * @param message the field, the rule broken and the value given
     * @param cause the underlying error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates a configuration error whose fix is a change of settings.
     *
     * @param problem the field, the rule broken and the value given
     * @param fix the settings that fix it
     */
    public ConfigException(String problem, Remedy fix) {
        super(problem, fix);
    }
}
