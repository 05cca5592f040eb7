package org.gan4j.api.export;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.game.Product;

/**
 * A trained product network with what an exported file records about it: what it takes and
 * makes, the units of its data, its classes and its provenance. Runs (read back from a run
 * directory) and in-memory models (straight from training) both describe themselves this way, so
 * that an exporter writes the same file for either.
 *
 * @param network the initialized product network with its trained weights
 * @param product what it takes and makes
 * @param scale the dataset's scale (model values = data units * scale); exported files take and
 *     give data units
 * @param classNames the dataset's class names, in label order (empty if it has none)
 * @param config the settings it was trained with
 * @param configJson those settings as the run's {@code config.json} holds them, for the file's
 *     provenance
 * @param steps the steps it was trained for
 * @param gan4jVersion the gan4j version that trained it
 */
public record TrainedProduct(
        Block network,
        Product product,
        double scale,
        List<String> classNames,
        TrainConfig config,
        String configJson,
        long steps,
        String gan4jVersion) {

    /** Checks and copies. */
    public TrainedProduct {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(product, "product");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(gan4jVersion, "gan4jVersion");
    }
}
