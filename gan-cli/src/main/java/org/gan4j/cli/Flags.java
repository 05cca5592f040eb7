package org.gan4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.SettingChange;
import org.gan4j.api.SettingWords;

/**
 * The library's settings in the {@code gan} command's words: each {@code config.json} key as the
 * flag that sets it ({@code discriminatorSteps=1} is {@code --d-steps 1}), so that remedies and
 * errors the library words as settings tell a command-line user what to type.
 */
final class Flags implements SettingWords {

    /** The command's words. */
    static final Flags WORDS = new Flags();

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("game", "--game"),
            Map.entry("model", "--model"),
            Map.entry("loss", "--loss"),
            Map.entry("dataset", "--dataset"),
            Map.entry("regularizers", "--regularizer"),
            Map.entry("dataDir", "--data-dir"),
            Map.entry("latentSize", "--latent-size"),
            Map.entry("epochs", "--epochs"),
            Map.entry("steps", "--steps"),
            Map.entry("batchSize", "--batch-size"),
            Map.entry("seed", "--seed"),
            Map.entry("discriminatorSteps", "--d-steps"),
            Map.entry("device", "--device"),
            Map.entry("unrolledSteps", "--unrolled-steps"),
            Map.entry("learningRateSchedule", "--lr-schedule"),
            Map.entry("checkpointEvery", "--checkpoint-every"),
            Map.entry("keepCheckpoints", "--keep-checkpoints"),
            Map.entry("onDivergence", "--on-divergence"),
            Map.entry("emaDecay", "--ema"),
            Map.entry("evalEvery", "--eval-every"),
            Map.entry("generatorOptimizer.learningRate", "--g-lr"),
            Map.entry("discriminatorOptimizer.learningRate", "--d-lr"));

    /** Both optimizers' settings that one flag sets for both. */
    private static final Map<String, String> BOTH = Map.of(
            "learningRate", "--lr", "beta1", "--beta1", "beta2", "--beta2");

    private Flags() {}

    @Override
    public String words(List<SettingChange> changes) {
        List<SettingChange> rest = new ArrayList<>(changes);
        List<String> words = new ArrayList<>();
        // A setting of both optimizers to one value is one flag (--lr, --beta1).
        for (Map.Entry<String, String> both : BOTH.entrySet()) {
            SettingChange g = find(rest, "generatorOptimizer." + both.getKey());
            SettingChange d = find(rest, "discriminatorOptimizer." + both.getKey());
            if (g != null && d != null && java.util.Objects.equals(g.value(), d.value())) {
                int at = Math.min(rest.indexOf(g), rest.indexOf(d));
                rest.remove(g);
                rest.remove(d);
                rest.add(at, new SettingChange("\u0000" + both.getValue(), g.value()));
            }
        }
        for (SettingChange c : rest) {
            words.add(word(c));
        }
        return String.join(", ", words);
    }

    private static SettingChange find(List<SettingChange> changes, String setting) {
        return changes.stream().filter(c -> c.setting().equals(setting)).findFirst().orElse(null);
    }

    /** One setting as its flag, with its value when it has one. */
    private static String word(SettingChange c) {
        String setting = c.setting();
        String value = c.value();
        if (setting.startsWith("\u0000")) {
            return flag(setting.substring(1), value);
        }
        int options = setting.indexOf(".options.");
        if (options > 0) {
            String plugin = setting.substring(0, options);
            String key = setting.substring(options + ".options.".length());
            String flag = switch (plugin) {
                case "model" -> "--model-opt";
                case "loss" -> "--loss-opt";
                case "dataset" -> "--dataset-opt";
                case "game" -> "--game-opt";
                default -> null;
            };
            if (flag != null) {
                return flag + " " + key + (value == null ? "" : "=" + value);
            }
        }
        String flag = FLAGS.get(setting);
        // A setting with no flag of its own is given in a --config file, under its key.
        return flag != null ? flag(flag, value) : "--config with " + setting + (value == null ? "" : " " + value);
    }

    private static String flag(String flag, String value) {
        return value == null ? flag : flag + " " + value;
    }
}
