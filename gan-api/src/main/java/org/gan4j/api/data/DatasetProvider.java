package org.gan4j.api.data;

import org.gan4j.api.plugin.GanPlugin;

/**
 * A dataset plugin. Registered under {@code META-INF/services/org.gan4j.api.data.DatasetProvider}.
 */
public interface DatasetProvider extends GanPlugin {

    /** The user-facing name of this plugin kind. */
    String KIND = "dataset";

    /**
     * Opens the dataset. Reading files, validating them and generating data happen here.
     *
     * @param request where the data is, the seed, and this provider's options
     * @return the opened dataset; the caller closes it
     * @throws org.gan4j.api.GanException if the data is missing or malformed, with a message
     *     saying how to get it
     */
    GanDataset open(DatasetRequest request);
}
