package org.gan4j.core.run;

import java.util.List;

/**
 * What a trained run's networks were built for, saved as {@code run.json} so that its product can
 * be rebuilt without opening the dataset.
 *
 * @param latentSize the latent size
 * @param sampleShape the shape of one data sample the game was built for
 * @param numClasses the number of classes the game used, 0 if it used none
 * @param classNames the class names
 * @param scale the dataset's scale: model values = data units * scale
 * @param steps the steps trained
 * @param gan4jVersion the gan4j version that trained it
 * @param game the game plugin's name ({@code adversarial} for runs from before games were plugins)
 * @param product the role of the game's product network ({@code generator} for older runs)
 */
public record RunInfo(
        int latentSize,
        long[] sampleShape,
        int numClasses,
        List<String> classNames,
        double scale,
        long steps,
        String gan4jVersion,
        String game,
        String product) {

    /** Fills in the game and product of runs written before games were plugins. */
    public RunInfo {
        game = game == null ? "adversarial" : game;
        product = product == null ? "generator" : product;
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /** @return the product network's role */
    public String productRole() {
        return product;
    }
}
