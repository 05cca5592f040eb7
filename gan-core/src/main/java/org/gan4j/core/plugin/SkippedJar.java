package org.gan4j.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A jar of a plugin folder that was not loaded, and why. None of its plugins are available; the
 * other jars and the built-in plugins are unaffected.
 *
 * @param file the jar
 * @param reason one line saying what is wrong with it
 */
public record SkippedJar(Path file, String reason) {

    /** Requires both fields. */
    public SkippedJar {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return the jar's file name */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** @return the warning to show a user: {@code plugin jar NAME skipped: REASON} */
    public String warning() {
        return "plugin jar " + fileName() + " skipped: " + reason;
    }
}
