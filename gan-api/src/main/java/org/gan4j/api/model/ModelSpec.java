package org.gan4j.api.model;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.gan4j.api.ConfigException;

/**
 * What an architecture must produce: the latent size the generator reads, the shape of one sample
 * it writes (and the discriminator reads), and the number of classes for conditional models.
 *
 * @param latentSize the length of one latent vector z, positive
 * @param sampleShape the shape of one sample without the batch axis, e.g. (2) or (1, 28, 28)
 * @param numClasses the number of class labels, or 0 for an unconditional model
 */
public record ModelSpec(int latentSize, Shape sampleShape, int numClasses) {

    /** Validates the spec. */
    public ModelSpec {
        if (latentSize <= 0) {
            throw new ConfigException("latentSize must be positive, got " + latentSize);
        }
        Objects.requireNonNull(sampleShape, "sampleShape");
        if (sampleShape.dimension() == 0 || sampleShape.size() <= 0) {
            throw new ConfigException("sampleShape must be non-empty, got " + sampleShape);
        }
        if (numClasses < 0) {
            throw new ConfigException("numClasses must be 0 or positive, got " + numClasses);
        }
    }

    /** @return true if both networks take class labels */
    public boolean conditional() {
        return numClasses > 0;
    }

    /** @return the number of values in one sample */
    public int sampleSize() {
        return Math.toIntExact(sampleShape.size());
    }
}
