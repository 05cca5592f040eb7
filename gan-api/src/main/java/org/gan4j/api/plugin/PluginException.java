package org.gan4j.api.plugin;

import org.gan4j.api.GanException;

/** A plugin could not be found, loaded, or told apart from another with the same name. */
public class PluginException extends GanException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a plugin error.
     *
     * @param message what went wrong and how to fix it
     */
    public PluginException(String message) {
        super(message);
    }

    /**
     * Creates a plugin error with its cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying error
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
