package org.gan4j.models.mlp;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.models.blocks.PackBlock;
import org.gan4j.models.blocks.ReshapeBlock;

/**
 * The MLP GAN of Goodfellow et al. (2014) for vector data: fully connected generator and
 * discriminator. The generator's output layer is linear (vector data is not bounded); the
 * discriminator outputs one logit. Widths and activations are options. By default the
 * discriminator judges 4 samples at a time (PacGAN4, Lin et al. 2018), the remedy for the mode
 * collapse that plain GANs show on multi-modal data; {@code pack=1} gives the plain GAN.
 */
public final class MlpGan implements ArchitectureProvider {

    static final String G_HIDDEN = "g-hidden";
    static final String D_HIDDEN = "d-hidden";
    static final String G_ACTIVATION = "g-activation";
    static final String D_ACTIVATION = "d-activation";
    static final String LEAKY_SLOPE = "leaky-slope";
    static final String PACK = "pack";

    private static final String ACTIVATIONS = "relu, leaky-relu, tanh or sigmoid";

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "MLP GAN (Goodfellow et al. 2014) for vector data; widths and activations configurable";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec(G_HIDDEN, "256,256,256", "generator hidden-layer widths"),
                new OptionSpec(D_HIDDEN, "128,128,128", "discriminator hidden-layer widths"),
                new OptionSpec(G_ACTIVATION, "relu", "generator activation: " + ACTIVATIONS),
                new OptionSpec(D_ACTIVATION, "leaky-relu", "discriminator activation: " + ACTIVATIONS),
                new OptionSpec(LEAKY_SLOPE, "0.2", "negative slope of leaky-relu"),
                new OptionSpec(PACK, "4", "samples the discriminator judges together (PacGAN); 1 for none"));
    }

    @Override
    public GanNetworks create(ModelSpec spec, Options options) {
        List<Integer> gHidden = options.getPositiveIntList(G_HIDDEN);
        List<Integer> dHidden = options.getPositiveIntList(D_HIDDEN);
        float slope = (float) options.getFraction(LEAKY_SLOPE);
        String gAct = activation(options, G_ACTIVATION);
        String dAct = activation(options, D_ACTIVATION);

        SequentialBlock generator = new SequentialBlock();
        for (int width : gHidden) {
            generator.add(Linear.builder().setUnits(width).build());
            generator.add(ActivationBlock.named(gAct, slope));
        }
        generator.add(Linear.builder().setUnits(spec.sampleSize()).build());
        if (spec.sampleShape().dimension() > 1) {
            generator.add(new ReshapeBlock(spec.sampleShape()));
        }

        SequentialBlock discriminator = new SequentialBlock();
        int pack = pack(options);
        if (pack > 1) {
            discriminator.add(new PackBlock(pack));
        } else if (spec.sampleShape().dimension() > 1) {
            discriminator.add(new ReshapeBlock(new Shape(spec.sampleSize())));
        }
        for (int width : dHidden) {
            discriminator.add(Linear.builder().setUnits(width).build());
            discriminator.add(ActivationBlock.named(dAct, slope));
        }
        discriminator.add(Linear.builder().setUnits(1).build());
        return new GanNetworks(generator, discriminator);
    }

    @Override
    public int batchMultiple(Options options) {
        return pack(options);
    }

    private static int pack(Options options) {
        int pack = options.getInt(PACK);
        if (pack < 1) {
            throw options.invalid(PACK, options.getString(PACK), "a positive integer");
        }
        return pack;
    }

    private static String activation(Options options, String key) {
        String value = options.getString(key);
        try {
            ActivationBlock.named(value, 0.2f);
            return value;
        } catch (IllegalArgumentException e) {
            throw options.invalid(key, value, ACTIVATIONS);
        }
    }
}
