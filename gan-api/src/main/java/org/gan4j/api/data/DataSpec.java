package org.gan4j.api.data;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;

/**
 * What a dataset's samples look like, as a game is built for them: from the opened dataset when
 * training, from the run's {@code run.json} when a finished run's product is rebuilt.
 *
 * @param sampleShape the shape of one sample without the batch axis
 * @param numClasses the number of classes, 0 for unlabelled data
 * @param classNames the class names in label order, empty when unknown
 */
public record DataSpec(Shape sampleShape, int numClasses, List<String> classNames) {

    /** Checks and copies. */
    public DataSpec {
        Objects.requireNonNull(sampleShape, "sampleShape");
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be 0 or positive, got " + numClasses);
        }
        classNames = List.copyOf(classNames);
    }

    /**
     * The spec of an opened dataset.
     *
     * @param data the dataset
     * @return its spec
     */
    public static DataSpec of(GanDataset data) {
        return new DataSpec(data.sampleShape(), data.numClasses(), data.classNames());
    }
}
