package org.gan4j.cli;

import static org.gan4j.api.SettingChange.of;
import static org.gan4j.api.SettingChange.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gan4j.api.GanException;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingWords;
import org.junit.jupiter.api.Test;

/** The library's settings as the command's flags, in remedies and errors. */
class FlagsTest {

    @Test
    void settingsBecomeTheirFlags() {
        assertEquals("--loss wgan-gp", Flags.WORDS.words(List.of(to("loss", "wgan-gp"))));
        assertEquals("--d-steps 1", Flags.WORDS.words(List.of(to("discriminatorSteps", 1))));
        assertEquals("--regularizer r1", Flags.WORDS.words(List.of(to("regularizers", "r1"))));
        assertEquals("--model-opt pack=4", Flags.WORDS.words(List.of(to("model.options.pack", 4))));
        assertEquals("--loss-opt clip=0.01", Flags.WORDS.words(List.of(to("loss.options.clip", 0.01))));
        assertEquals("--d-lr", Flags.WORDS.words(List.of(of("discriminatorOptimizer.learningRate"))));
        assertEquals("--ema 0.999", Flags.WORDS.words(List.of(to("emaDecay", 0.999))));
        assertEquals("--config with evalSamples 5000", Flags.WORDS.words(List.of(to("evalSamples", 5000))),
                "a setting without a flag of its own");
    }

    @Test
    void bothOptimizersAlikeAreOneFlag() {
        assertEquals("--lr, --beta1 0.5", Flags.WORDS.words(List.of(of("generatorOptimizer.learningRate"),
                of("discriminatorOptimizer.learningRate"), to("generatorOptimizer.beta1", 0.5),
                to("discriminatorOptimizer.beta1", 0.5))));
        assertEquals("--g-lr 0.001, --d-lr 0.002", Flags.WORDS.words(List.of(to("generatorOptimizer.learningRate", 0.001),
                to("discriminatorOptimizer.learningRate", 0.002))), "different values stay apart");
    }

    @Test
    void remediesAndErrorsAreWordedAsFlagsOnTheCommandLineAndAsKeysInTheLibrary() {
        Remedy r = Remedy.either("use a loss whose generator gradient does not vanish",
                to("loss", "wgan-gp"), to("loss", "least-squares"));
        assertEquals("use a loss whose generator gradient does not vanish: --loss wgan-gp or --loss least-squares",
                r.text(Flags.WORDS));
        assertEquals("use a loss whose generator gradient does not vanish: loss=wgan-gp or loss=least-squares",
                r.text(SettingWords.KEYS));
        GanException e = new GanException("the run diverged", new Remedy("lower the rates ({0}) or train with {1}",
                List.of(List.of(of("generatorOptimizer.learningRate"), of("discriminatorOptimizer.learningRate")),
                        List.of(to("onDivergence", "rollback")))));
        assertEquals("the run diverged; lower the rates (--lr) or train with --on-divergence rollback",
                e.message(Flags.WORDS));
        assertEquals("the run diverged; lower the rates (generatorOptimizer.learningRate,"
                + " discriminatorOptimizer.learningRate) or train with onDivergence=rollback", e.getMessage());
    }
}
