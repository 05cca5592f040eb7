package org.gan4j.core.run;

import java.util.List;

/**
 * What a trained run's networks were built for, saved as {@code run.json} so that the generator
 * can be rebuilt without opening the dataset.
 *
 * @param latentSize the latent size
 * @param sampleShape the shape of one sample
 * @param numClasses the number of classes, 0 if unconditional
 * @param classNames the class names
 * @param scale the dataset's scale: model values = data units * scale
 * @param steps the steps trained
 * @param gan4jVersion the gan4j version that trained it
 */
public record RunInfo(
        int latentSize,
        long[] sampleShape,
        int numClasses,
        List<String> classNames,
        double scale,
        long steps,
        String gan4jVersion) {}
