package org.gan4j.api.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.game.DiscriminatorFigures;

/**
 * What the trainer measured of one step's game, on the steps it measures (every few steps: the
 * figures cost a few reductions and a device-to-host copy): the global L2 norm of the trained
 * networks' gradients in each reported update (before its optimizer step, penalties included), and
 * for each generator/discriminator pair the discriminator's figures in its reported update (for
 * the adversarial game, the step's last discriminator update, after any transform of its inputs
 * such as instance noise).
 *
 * @param gradientNorms by update name, in the game's update order
 * @param figures by pair name, in the game's pair order
 */
public record StepDiagnostics(Map<String, Double> gradientNorms, Map<String, DiscriminatorFigures> figures) {

    /** Copies the maps, keeping their order. */
    public StepDiagnostics {
        gradientNorms = Collections.unmodifiableMap(new LinkedHashMap<>(gradientNorms));
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /**
     * One update's gradient norm.
     *
     * @param update the update's name
     * @return the norm, or NaN when it was not measured
     */
    public double gradientNorm(String update) {
        return gradientNorms.getOrDefault(update, Double.NaN);
    }
}
