package org.gan4j.data.toy;

import java.util.List;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.GaussianMixture;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/** Shared plumbing of the 2-D mixture datasets: the {@code samples} option and opening. */
abstract class MixtureProvider implements DatasetProvider {

    static final String SAMPLES = "samples";

    @Override
    public List<OptionSpec> options() {
        return List.of(new OptionSpec(SAMPLES, "256000", "fresh samples drawn per epoch"));
    }

    /** @return the mixture on the PacGAN spec */
    abstract GaussianMixture mixture();

    @Override
    public GanDataset open(DatasetRequest request) {
        Options options = request.options();
        int samples = options.getInt(SAMPLES);
        if (samples <= 0) {
            throw options.invalid(SAMPLES, Integer.toString(samples), "a positive integer");
        }
        return new MixtureDataset(mixture(), samples, request.seed());
    }
}
