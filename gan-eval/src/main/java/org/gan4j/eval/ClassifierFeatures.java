package org.gan4j.eval;

/**
 * The features of gan4j's cached evaluation classifier ({@link ImageClassifier}): its 128-unit
 * penultimate layer, and its softmax as class probabilities. The Fréchet distance on these is
 * what TF-GAN calls the Fréchet Classifier Distance (FCD); the classifier is trained once per
 * dataset on its training split, so numbers compare across runs on the same dataset and
 * options but not with FIDs on InceptionV3 features.
 */
public final class ClassifierFeatures implements FeatureExtractor {

    private final ImageClassifier classifier;
    private final String dataset;
    private final boolean owned;

    /**
     * Wraps a classifier.
     *
     * @param classifier the classifier
     * @param dataset the dataset it was trained on, for the description
     * @param owned whether {@link #close()} closes the classifier
     */
    public ClassifierFeatures(ImageClassifier classifier, String dataset, boolean owned) {
        this.classifier = classifier;
        this.dataset = dataset;
        this.owned = owned;
    }

    @Override
    public String description() {
        return "gan4j classifier of " + dataset + " (penultimate layer, " + ImageClassifier.FEATURES
                + " units; v" + ImageClassifier.VERSION + ")";
    }

    @Override
    public int dimension() {
        return ImageClassifier.FEATURES;
    }

    @Override
    public Extracted extract(float[][] images) {
        return classifier.featuresAndProbabilities(images);
    }

    /** @return the classifier */
    public ImageClassifier classifier() {
        return classifier;
    }

    @Override
    public void close() {
        if (owned) {
            classifier.close();
        }
    }
}
