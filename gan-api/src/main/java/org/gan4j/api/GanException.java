package org.gan4j.api;

/**
 * Base class of the errors gan4j reports to users. The message is a single line that names the
 * problem and, where there is one, the fix. A fix that is a change of settings is also kept
 * structured ({@link #fix()}), so that a front end can word it its own way ({@link
 * #message(SettingWords)}: the {@code gan} command as flags); otherwise front ends print the
 * message as it is.
 */
public class GanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problem alone, when a structured fix follows it. */
    private final String problem;
    /** The fix as settings, or null. */
    private final transient Remedy fix;

    /**
     * Creates an exception with a one-line message.
     *
     * @param message what went wrong and how to fix it
     */
    public GanException(String message) {
        super(message);
        this.problem = null;
        this.fix = null;
    }

    /**
     * Creates an exception whose fix is a change of settings.
     *
     * @param problem what went wrong, without the fix
     * @param fix the settings that fix it
     */
    public GanException(String problem, Remedy fix) {
        super(problem + "; " + fix.text(SettingWords.KEYS));
        this.problem = problem;
        this.fix = fix;
    }

    /**
     * Creates an exception with a one-line message and its cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying error
     */
    public GanException(String message, Throwable cause) {
        super(message, cause);
        this.problem = null;
        this.fix = null;
    }

    /**
     * Creates an exception whose fix is a change of settings, with its cause.
     *
     * @param problem what went wrong, without the fix
     * @param fix the settings that fix it
     * @param cause the underlying error
     */
    public GanException(String problem, Remedy fix, Throwable cause) {
        super(problem + "; " + fix.text(SettingWords.KEYS), cause);
        this.problem = problem;
        this.fix = fix;
    }

    /** @return the fix as a change of settings, or null when the message words it */
    public Remedy fix() {
        return fix;
    }

    /**
     * The message with its fix's settings in given words.
     *
     * @param words how to write settings
     * @return the one-line message
     */
    public String message(SettingWords words) {
        return fix == null ? getMessage() : problem + "; " + fix.text(words);
    }
}
