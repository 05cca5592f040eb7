package org.gan4j.export;

import org.gan4j.api.GanException;

/** An export that cannot be done: a block with no converter, or an export that fails its check. */
public class ExportException extends GanException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the problem and the fix
     */
    public ExportException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message one line naming the problem and the fix
     * @param cause the underlying error
     */
    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
