package org.gan4j.core.health;

import static org.gan4j.api.SettingChange.of;
import static org.gan4j.api.SettingChange.to;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;

/**
 * What the literature suggests for each problem, most direct first, each with the settings that
 * apply it (the {@code gan} command words them as its flags).
 */
final class Remedies {

    private static final SettingChange G_RATE = of("generatorOptimizer.learningRate");
    private static final SettingChange D_RATE = of("discriminatorOptimizer.learningRate");

    private Remedies() {}

    private static Remedy gradientPenalty() {
        return Remedy.either("add a gradient penalty, which makes the game locally convergent (Mescheder et al. 2018)",
                to("regularizers", "r1"), to("loss", "wgan-gp"));
    }

    private static Remedy averageTheGenerator() {
        return Remedy.of("average the generator's weights over the run (Yazici et al. 2019)", to("emaDecay", 0.999));
    }

    private static Remedy unroll() {
        return Remedy.of("unroll the discriminator so the generator anticipates its reply (Metz et al. 2016)",
                to("unrolledSteps", 5));
    }

    static List<Remedy> vanishingGradients(String loss) {
        List<Remedy> r = new ArrayList<>();
        if (loss.equals("minimax")) {
            r.add(Remedy.of("use the non-saturating generator loss, whose gradient stays strong when D rejects the fakes"
                    + " (Goodfellow et al. 2014)", to("loss", "non-saturating")));
        }
        r.add(Remedy.either("use a loss whose generator gradient does not vanish when D wins (WGAN-GP, Gulrajani et al."
                + " 2017; least squares, Mao et al. 2017)", to("loss", "wgan-gp"), to("loss", "least-squares")));
        r.add(Remedy.either("weaken the discriminator: a lower learning rate (e.g. a quarter of the generator's) or fewer"
                + " updates a step", D_RATE, to("discriminatorSteps", 1)));
        r.add(Remedy.of("add instance noise so that the real and fake distributions overlap (Sonderby et al. 2017;"
                + " Arjovsky and Bottou 2017)", to("regularizers", "instance-noise")));
        r.add(Remedy.of("penalize D's gradient on real data to keep it smooth (Mescheder et al. 2018)",
                to("regularizers", "r1")));
        return r;
    }

    static List<Remedy> modeCollapse() {
        return List.of(
                unroll(),
                Remedy.of("use the Wasserstein loss with a gradient penalty (Arjovsky et al. 2017; Gulrajani et al."
                        + " 2017)", to("loss", "wgan-gp")),
                Remedy.of("let the discriminator judge packs of samples (PacGAN, Lin et al. 2018; the mlp model)",
                        to("model.options.pack", 4)),
                Remedy.of("add instance noise (Sonderby et al. 2017)", to("regularizers", "instance-noise")),
                new Remedy("lower the learning rates or weaken the discriminator",
                        List.of(List.of(G_RATE, D_RATE), List.of(D_RATE), List.of(to("discriminatorSteps", 1)))));
    }

    static List<Remedy> oscillation() {
        return List.of(
                Remedy.of("lower the learning rates, and keep Adam's beta1 at 0.5 (Radford et al. 2015)", G_RATE, D_RATE,
                        to("generatorOptimizer.beta1", 0.5), to("discriminatorOptimizer.beta1", 0.5)),
                gradientPenalty(),
                Remedy.of("train the networks on two time scales (TTUR, Heusel et al. 2017): a discriminator learning"
                        + " rate apart from the generator's", D_RATE, G_RATE),
                averageTheGenerator(),
                Remedy.of("decay the learning rates to zero over the run", to("learningRateSchedule", "linear")));
    }

    static List<Remedy> nonConvergence() {
        return List.of(
                gradientPenalty(),
                averageTheGenerator(),
                new Remedy("lower the learning rates, or decay them to zero",
                        List.of(List.of(G_RATE, D_RATE), List.of(to("learningRateSchedule", "linear")))),
                unroll());
    }

    static List<Remedy> divergence(String loss) {
        List<Remedy> r = new ArrayList<>();
        r.add(new Remedy("lower the learning rates, e.g. halve them",
                List.of(List.of(G_RATE, D_RATE), List.of(D_RATE), List.of(G_RATE))));
        if (loss.equals("wasserstein")) {
            r.add(Remedy.either("keep the critic Lipschitz: clip its weights or, better, use a gradient penalty"
                    + " (Gulrajani et al. 2017)", to("loss.options.clip", 0.01), to("loss", "wgan-gp")));
        } else {
            r.add(Remedy.either("keep the discriminator smooth with a gradient penalty (Mescheder et al. 2018;"
                    + " Gulrajani et al. 2017)", to("regularizers", "r1"), to("loss", "wgan-gp")));
        }
        r.add(Remedy.of("let training return to its last checkpoint with halved rates when it breaks",
                to("onDivergence", "rollback")));
        return r;
    }
}
