package org.gan4j.api;

/**
 * Base class of the errors gan4j reports to users. The message is a single line that names the
 * problem and, where there is one, the fix; front ends print it as it is.
 */
public class GanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a one-line message.
     *
     * @param message what went wrong and how to fix it
     */
    public GanException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a one-line message and its cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying error
     */
    public GanException(String message, Throwable cause) {
        super(message, cause);
    }
}
