package org.gan4j.api.data;

import java.nio.file.Path;
import java.util.Objects;
import org.gan4j.api.plugin.Options;

/**
 * What a dataset provider needs to open a dataset.
 *
 * @param dataDir where the user keeps the data, or null for the provider's default
 * @param seed the run's seed, which fixes the sample order
 * @param options the provider's options, already checked against its declared options
 */
public record DatasetRequest(Path dataDir, long seed, Options options) {

    /** Requires the options. */
    public DatasetRequest {
        Objects.requireNonNull(options, "options");
    }
}
