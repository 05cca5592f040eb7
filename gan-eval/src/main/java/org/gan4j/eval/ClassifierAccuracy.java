package org.gan4j.eval;

import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import org.gan4j.api.config.PluginChoice;

/**
 * Where the evaluation classifiers of {@link ImageClassifier} are cached, and the name of the
 * metric they give: {@value #METRIC}, the share of a conditional generator's samples that the
 * classifier assigns to the class they were generated for.
 *
 * <p>The cache lives in {@code $GAN4J_CACHE} (or the {@code gan4j.cache.dir} system property),
 * by default {@code ~/.cache/gan4j}, under {@code classifiers/}, one file per dataset and its
 * options, so that every run on Fashion-MNIST shares one classifier.
 */
public final class ClassifierAccuracy {

    /** The metric's name in metrics.csv. */
    public static final String METRIC = org.gan4j.api.eval.MetricNames.CLASS_ACCURACY;

    /** Passes over the training data. */
    public static final int EPOCHS = 2;

    /** Fixed, so that every run gets the same classifier whether or not it was cached. */
    public static final long SEED = 20141106L;

    private ClassifierAccuracy() {}

    /** @return the cache directory */
    public static Path cacheDir() {
        String property = System.getProperty("gan4j.cache.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("GAN4J_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "gan4j");
    }

    /**
     * The cache file of the classifier for a dataset.
     *
     * @param dataset the dataset and its resolved options
     * @param dataDir where its files are, or null
     * @param sampleShape the shape of its samples
     * @param numClasses its classes
     * @return the file, which may not exist yet
     */
    public static Path cacheFile(PluginChoice dataset, String dataDir, Shape sampleShape, int numClasses) {
        String key =
                "v" + ImageClassifier.VERSION + "|" + dataset.name() + "|" + new TreeMap<>(dataset.options())
                        + "|" + (dataDir == null ? "" : Path.of(dataDir).toAbsolutePath().normalize())
                        + "|" + sampleShape + "|" + numClasses;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(digest, 0, 8);
            return cacheDir().resolve("classifiers").resolve(dataset.name() + "-" + hash + ".params");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
