package org.gan4j.models.dcgan;

import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.models.blocks.LabelConcat;

/**
 * A conditional DCGAN: DCGAN's networks (see {@link DcganLayout}) with the class label joined to
 * each network's input, as in Mirza and Osindero's conditioning. The generator reads z
 * concatenated with the one-hot label; the discriminator reads the image with one constant
 * label map a class appended as channels, so every convolution of its first layer sees the
 * label at every position.
 */
public final class ConditionalDcgan implements ArchitectureProvider {

    @Override
    public String name() {
        return "cdcgan";
    }

    @Override
    public String description() {
        return "conditional DCGAN: one-hot label joined to z in G and as label maps to the image in D";
    }

    @Override
    public List<OptionSpec> options() {
        return DcganLayout.options();
    }

    @Override
    public boolean conditional() {
        return true;
    }

    @Override
    public String unsupportedReason(ModelSpec spec) {
        return DcganLayout.unsupportedReason(name(), spec);
    }

    @Override
    public TrainConfig.Builder recommendedSettings(TrainConfig.Builder defaults) {
        return Dcgan.recipe(defaults);
    }

    @Override
    public GanNetworks create(ModelSpec spec, Options options) {
        DcganLayout layout = DcganLayout.of(spec, options);
        int classes = spec.numClasses();
        SequentialBlock generator =
                new SequentialBlock()
                        .add(new LabelConcat(classes, null, null))
                        .add(layout.generator(spec.latentSize() + classes));
        SequentialBlock discriminator =
                new SequentialBlock().add(new LabelConcat(classes, null, null)).add(layout.discriminator());
        return new GanNetworks(generator, discriminator);
    }
}
