package org.gan4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.OptionalDouble;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * The relativistic average GAN of Jolicoeur-Martineau (2018): the discriminator estimates how much
 * more realistic real data is than the average fake, and the generator, symmetrically, how much
 * more realistic its fakes are than the average real sample. With {@code Δr = C(x) - E[C(G(z))]}
 * and {@code Δf = C(G(z)) - E[C(x)]}:
 *
 * <ul>
 *   <li>{@code form=standard} (RaSGAN): D minimizes {@code E[softplus(-Δr)] + E[softplus(Δf)]},
 *       G minimizes {@code E[softplus(-Δf)] + E[softplus(Δr)]};
 *   <li>{@code form=least-squares} (RaLSGAN): D minimizes {@code E[(Δr - 1)²] + E[(Δf + 1)²]}, G
 *       minimizes {@code E[(Δf - 1)²] + E[(Δr + 1)²]}.
 * </ul>
 *
 * The generator's loss needs the scores of real samples, which the training loop provides.
 */
public final class RelativisticLoss implements AdversarialLossProvider {

    static final String FORM = "form";

    @Override
    public String name() {
        return "relativistic";
    }

    @Override
    public String description() {
        return "relativistic average GAN (Jolicoeur-Martineau 2018), standard or least-squares form";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(new OptionSpec(FORM, "standard", "standard (RaSGAN) or least-squares (RaLSGAN)"));
    }

    @Override
    public AdversarialLoss create(Options options) {
        String form = options.getString(FORM);
        boolean leastSquares = switch (form) {
            case "standard" -> false;
            case "least-squares" -> true;
            default -> throw options.invalid(FORM, form, "standard or least-squares");
        };
        return new AdversarialLoss() {
            @Override
            public NDArray discriminatorLoss(NDArray realScores, NDArray fakeScores) {
                return pair(realScores, fakeScores, leastSquares);
            }

            @Override
            public NDArray generatorLoss(NDArray fakeScores) {
                throw new IllegalStateException("the relativistic generator loss needs real scores");
            }

            @Override
            public boolean generatorUsesRealScores() {
                return true;
            }

            /** Only differences of scores enter the loss, so a score alone decides nothing. */
            @Override
            public OptionalDouble decisionThreshold() {
                return OptionalDouble.empty();
            }

            @Override
            public NDArray generatorLoss(NDArray fakeScores, NDArray realScores) {
                // The generator's objective is the discriminator's with real and fake swapped.
                return pair(fakeScores, realScores, leastSquares);
            }
        };
    }

    /**
     * The loss of the side that wants {@code winners} judged more realistic than {@code losers}.
     */
    private static NDArray pair(NDArray winners, NDArray losers, boolean leastSquares) {
        NDArray up = winners.sub(losers.mean());
        NDArray down = losers.sub(winners.mean());
        if (leastSquares) {
            return up.sub(1).square().mean().add(down.add(1).square().mean());
        }
        return Activation.softPlus(up.neg()).mean().add(Activation.softPlus(down).mean());
    }
}
