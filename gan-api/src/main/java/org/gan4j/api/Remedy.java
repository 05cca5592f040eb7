package org.gan4j.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What to do about a problem, structured: an action for people and the settings that apply it,
 * as alternatives (each a set of settings changed together), so that each user interface words
 * the settings its own way ({@link SettingWords}): the library as {@code config.json} keys, the
 * {@code gan} command as flags.
 *
 * @param action the action, e.g. "use a loss whose generator gradient does not vanish when D
 *     wins (Gulrajani et al. 2017; Mao et al. 2017)"; a {@code {}} in it is where the settings'
 *     words go, the alternatives joined by "or" ("lower {}"); {@code {0}}, {@code {1}}... place
 *     each alternative on its own ("lower the rates ({0}) or train with {1}"); with neither, the
 *     settings follow a colon
 * @param alternatives the ways to apply it, any one of which will do; may be empty
 */
public record Remedy(String action, List<List<SettingChange>> alternatives) {

    /** Copies the alternatives. */
    public Remedy {
        Objects.requireNonNull(action, "action");
        alternatives = alternatives.stream().map(List::copyOf).toList();
    }

    /**
     * A remedy applied by one set of settings.
     *
     * @param action the action
     * @param changes the settings it changes
     * @return the remedy
     */
    public static Remedy of(String action, SettingChange... changes) {
        return new Remedy(action, changes.length == 0 ? List.of() : List.of(List.of(changes)));
    }

    /**
     * A remedy with alternatives, each one setting.
     *
     * @param action the action
     * @param alternatives the settings, any one of which applies it
     * @return the remedy
     */
    public static Remedy either(String action, SettingChange... alternatives) {
        return new Remedy(action, java.util.Arrays.stream(alternatives).map(List::of).toList());
    }

    /**
     * The remedy for people.
     *
     * @param words how settings are written
     * @return e.g. "use the non-saturating generator loss ...: --loss non-saturating"
     */
    public String text(SettingWords words) {
        if (alternatives.isEmpty()) {
            return action.replace("{}", "").strip();
        }
        if (action.contains("{0}")) {
            String out = action;
            for (int i = 0; i < alternatives.size(); i++) {
                out = out.replace("{" + i + "}", words.words(alternatives.get(i)));
            }
            return out;
        }
        String settings = alternatives.stream().map(words::words).collect(Collectors.joining(" or "));
        return action.contains("{}") ? action.replace("{}", settings) : action + ": " + settings;
    }

    /** @return the remedy in the library's words */
    @Override
    public String toString() {
        return text(SettingWords.KEYS);
    }
}
