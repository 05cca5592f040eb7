package org.gan4j.eval;

/**
 * Turns images into feature vectors for the feature metrics (Fréchet distance, KID, precision and
 * recall) and, when it is a classifier, into class probabilities for the classifier score.
 * Implementations: {@link ClassifierFeatures} (gan4j's cached classifier of the dataset) and
 * {@link OnnxFeatures} (any ONNX network, e.g. InceptionV3 for the standard FID).
 */
public interface FeatureExtractor extends AutoCloseable {

    /**
     * What extracts the features, as written to {@code evaluations.jsonl}'s {@code features} field;
     * numbers are comparable only between evaluations with the same description.
     *
     * @return a one-line description
     */
    String description();

    /** @return the length of each feature vector */
    int dimension();

    /**
     * Extracts features.
     *
     * @param images one row a sample, {@code C * H * W} values in [-1, 1], all of one shape
     * @return the features, and the class probabilities if the extractor has them
     */
    Extracted extract(float[][] images);

    /** Releases native resources; the default holds none. */
    @Override
    default void close() {}

    /**
     * Extracted features.
     *
     * @param features one row a sample, {@link #dimension()} values each
     * @param probabilities one row of class probabilities a sample, or null if the extractor is
     *     not a classifier
     */
    record Extracted(float[][] features, float[][] probabilities) {}
}
