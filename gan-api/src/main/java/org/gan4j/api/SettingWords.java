package org.gan4j.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How settings are written for people: the library writes {@code config.json} keys ({@code
 * loss=wgan-gp}); the {@code gan} command writes its flags ({@code --loss wgan-gp}).
 */
@FunctionalInterface
public interface SettingWords {

    /** The library's words: {@code key=value}, or the key alone when no value is given. */
    SettingWords KEYS = changes -> changes.stream()
            .map(c -> c.value() == null ? c.setting() : c.setting() + "=" + c.value())
            .collect(Collectors.joining(", "));

    /**
     * One alternative of a remedy: the settings it changes together.
     *
     * @param changes the settings and their values
     * @return their words, e.g. "loss=wgan-gp" or "--loss wgan-gp"
     */
    String words(List<SettingChange> changes);
}
