package com.example.gan;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Locale;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * The f-GAN losses of Nowozin, Cseke and Tomioka (2016). For a divergence f with output activation
 * g and conjugate f*, the discriminator's raw score v becomes T = g(v); the discriminator minimizes
 * {@code -(E[T(x)] - E[f*(T(G(z)))])} and the generator, in the paper's non-saturating form,
 * {@code -E[T(G(z))]}. The divergences (the paper's Table 2):
 *
 * <ul>
 *   <li>{@code pearson} (Pearson χ²): g(v) = v, f*(t) = t²/4 + t;
 *   <li>{@code total-variation}: g(v) = tanh(v)/2, f*(t) = t;
 *   <li>{@code hellinger} (squared Hellinger): g(v) = 1 - exp(-v), f*(t) = t / (1 - t), so that
 *       f*(g(v)) = exp(v) - 1.
 * </ul>
 *
 * <p>Pure functions of the scores, built from differentiable NDArray operations (constants through
 * {@link Constants}, never {@code mul(Number)}); the arrays they make belong to the scores'
 * manager, which the training step closes. One instance serves a run.
 */
public final class FGanLoss implements AdversarialLossProvider {

    /** The divergences this loss minimizes. */
    enum Divergence {
        PEARSON, TOTAL_VARIATION, HELLINGER;

        /** T = g(v). */
        NDArray activation(NDArray v) {
            return switch (this) {
                case PEARSON -> v;
                case TOTAL_VARIATION -> Constants.times(v.tanh(), 0.5f);
                case HELLINGER -> v.neg().exp().neg().add(1);
            };
        }

        /** f*(g(v)), written directly in v where that is simpler or more accurate. */
        NDArray conjugateOfActivation(NDArray v) {
            return switch (this) {
                case PEARSON -> Constants.times(v.square(), 0.25f).add(v);
                case TOTAL_VARIATION -> Constants.times(v.tanh(), 0.5f);
                case HELLINGER -> v.exp().sub(1);
            };
        }

        String optionValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final List<OptionSpec> OPTIONS = List.of(new OptionSpec(
            "divergence", "pearson", "pearson, total-variation or hellinger"));

    @Override
    public String name() {
        return "f-gan";
    }

    @Override
    public String description() {
        return "example plugin: f-GAN (Nowozin et al. 2016), Pearson chi2, total variation or squared Hellinger";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public AdversarialLoss create(Options options) {
        String value = options.getString("divergence");
        for (Divergence d : Divergence.values()) {
            if (d.optionValue().equals(value)) {
                return new Loss(d);
            }
        }
        throw options.invalid("divergence", value, "pearson, total-variation or hellinger");
    }

    /** The loss for one divergence. */
    private record Loss(Divergence divergence) implements AdversarialLoss {

        @Override
        public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
            return divergence.conjugateOfActivation(fakeScores).mean().sub(divergence.activation(realScores).mean());
        }

        @Override
        public NDArray generatorLoss(NDArray fakeScores) {
            return divergence.activation(fakeScores).mean().neg();
        }
    }
}
