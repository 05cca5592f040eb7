package org.gan4j.models.dcgan;

import java.util.List;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * DCGAN (Radford et al. 2015) for square images of 28, 32 or 64 pixels with 1 or 3 channels; see
 * {@link DcganLayout} for the networks. Its recipe replaces gan4j's training defaults: latent
 * size 100, batch 128, Adam 2e-4 with beta1 0.5, a constant learning rate, and the embedded
 * {@code shapes} dataset when none is chosen.
 */
public final class Dcgan implements ArchitectureProvider {

    @Override
    public String name() {
        return "dcgan";
    }

    @Override
    public String description() {
        return "DCGAN (Radford et al. 2015): transposed/strided convolutions, batch norm; images at 28, 32, 64";
    }

    @Override
    public List<OptionSpec> options() {
        return DcganLayout.options();
    }

    @Override
    public String unsupportedReason(ModelSpec spec) {
        return DcganLayout.unsupportedReason(name(), spec);
    }

    @Override
    public TrainConfig.Builder recommendedSettings(TrainConfig.Builder defaults) {
        return recipe(defaults);
    }

    /**
     * DCGAN's published training recipe, shared with the conditional models.
     *
     * @param defaults gan4j's defaults
     * @return them with Adam 2e-4 (beta1 0.5), batch 128, latent 100, a constant rate, shapes
     */
    public static TrainConfig.Builder recipe(TrainConfig.Builder defaults) {
        AdamConfig adam = new AdamConfig(2e-4, 0.5, 0.999, 1e-8);
        return defaults.dataset(PluginChoice.of("shapes"))
                .latentSize(100)
                .batchSize(128)
                .generatorOptimizer(adam)
                .discriminatorOptimizer(adam)
                .learningRateSchedule("constant");
    }

    @Override
    public GanNetworks create(ModelSpec spec, Options options) {
        DcganLayout layout = DcganLayout.of(spec, options);
        return new GanNetworks(layout.generator(spec.latentSize()), layout.discriminator());
    }
}
