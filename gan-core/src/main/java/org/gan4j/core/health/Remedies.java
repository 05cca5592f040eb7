package org.gan4j.core.health;

import java.util.ArrayList;
import java.util.List;

/**
 * What the literature suggests for each problem, most direct first, each naming the gan4j flag
 * that applies it.
 */
final class Remedies {

    private Remedies() {}

    static List<String> vanishingGradients(String loss) {
        List<String> r = new ArrayList<>();
        if (loss.equals("minimax")) {
            r.add("use the non-saturating generator loss, whose gradient stays strong when D rejects the fakes"
                    + " (Goodfellow et al. 2014): --loss non-saturating");
        }
        r.add("use a loss whose generator gradient does not vanish when D wins: --loss wgan-gp (Gulrajani et al."
                + " 2017) or --loss least-squares (Mao et al. 2017)");
        r.add("weaken the discriminator: a lower D learning rate (--d-lr, e.g. a quarter of --lr) or fewer D"
                + " updates a step (--d-steps 1)");
        r.add("add instance noise so that the real and fake distributions overlap (Sonderby et al. 2017; Arjovsky"
                + " and Bottou 2017): --regularizer instance-noise");
        r.add("penalize D's gradient on real data to keep it smooth (Mescheder et al. 2018): --regularizer r1");
        return r;
    }

    static List<String> modeCollapse() {
        return List.of(
                "unroll the discriminator so the generator anticipates its reply (Metz et al. 2016):"
                        + " --unrolled-steps 5",
                "use the Wasserstein loss with a gradient penalty (Arjovsky et al. 2017; Gulrajani et al. 2017):"
                        + " --loss wgan-gp",
                "let the discriminator judge packs of samples (PacGAN, Lin et al. 2018): --model-opt pack=4"
                        + " (mlp)",
                "add instance noise (Sonderby et al. 2017): --regularizer instance-noise",
                "lower the learning rates (--lr) or weaken the discriminator (--d-lr, --d-steps 1)");
    }

    static List<String> oscillation() {
        return List.of(
                "lower the learning rates (--lr), and keep Adam's beta1 at 0.5 (Radford et al. 2015): --beta1 0.5",
                "add a gradient penalty, which makes the game locally convergent (Mescheder et al. 2018):"
                        + " --regularizer r1 (or --loss wgan-gp)",
                "train the networks on two time scales (TTUR, Heusel et al. 2017): a different --d-lr than --g-lr",
                "average the generator's weights over the run (Yazici et al. 2019): --ema 0.999",
                "decay the learning rates to zero over the run: --lr-schedule linear");
    }

    static List<String> nonConvergence() {
        return List.of(
                "add a gradient penalty, which makes the game locally convergent (Mescheder et al. 2018):"
                        + " --regularizer r1 (or --loss wgan-gp)",
                "average the generator's weights over the run (Yazici et al. 2019): --ema 0.999",
                "lower the learning rates (--lr) or decay them to zero: --lr-schedule linear",
                "unroll the discriminator (Metz et al. 2016): --unrolled-steps 5");
    }

    static List<String> divergence(String loss) {
        List<String> r = new ArrayList<>();
        r.add("lower the learning rates, e.g. halve them: --lr (or --d-lr / --g-lr)");
        if (loss.equals("wasserstein")) {
            r.add("keep the critic Lipschitz: clip its weights (--loss-opt clip=0.01) or, better, use a gradient"
                    + " penalty: --loss wgan-gp (Gulrajani et al. 2017)");
        } else {
            r.add("keep the discriminator smooth with a gradient penalty: --regularizer r1 (Mescheder et al."
                    + " 2018) or --loss wgan-gp (Gulrajani et al. 2017)");
        }
        r.add("let training return to its last checkpoint with halved rates when it breaks:"
                + " --on-divergence rollback");
        return r;
    }
}
