package com.example.gan;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * An MLP GAN for vector data whose hidden units are {@link Snake}s. The generator is
 * {@code z -> [Linear -> BatchNorm -> Snake] x layers -> Linear}; the discriminator
 * {@code x -> [Linear -> Snake] x layers -> Linear(1)}, giving raw scores. Every block of the
 * generator has a converter (DJL's SequentialBlock, Linear and BatchNorm built into gan4j, Snake in
 * this plugin), so its generators export to ONNX.
 */
public final class SnakeMlp implements ArchitectureProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("hidden", "64", "units of each hidden layer, in both networks"),
            new OptionSpec("layers", "2", "hidden layers of each network"),
            new OptionSpec("alpha", "1", "the Snake units' initial alpha (positive)"),
            new OptionSpec("batch-norm", "true", "batch norm before each Snake of the generator"));

    @Override
    public String name() {
        return "snake-mlp";
    }

    @Override
    public String description() {
        return "example plugin: MLP GAN with Snake units (Ziyin et al. 2020), for vector data";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public String unsupportedReason(ModelSpec spec) {
        if (spec.sampleShape().dimension() != 1) {
            return "model 'snake-mlp' generates vectors, not samples of shape " + spec.sampleShape()
                    + "; use a vector dataset (spiral, ring, grid) or an image model (dcgan)";
        }
        return null;
    }

    @Override
    public GanNetworks create(ModelSpec spec, Options options) {
        int hidden = options.getInt("hidden");
        int layers = options.getInt("layers");
        double alpha = options.getDouble("alpha");
        boolean batchNorm = options.getBoolean("batch-norm");
        if (hidden <= 0) {
            throw options.invalid("hidden", Integer.toString(hidden), "a positive integer");
        }
        if (layers <= 0) {
            throw options.invalid("layers", Integer.toString(layers), "a positive integer");
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw options.invalid("alpha", Double.toString(alpha), "a positive number");
        }
        SequentialBlock g = new SequentialBlock();
        SequentialBlock d = new SequentialBlock();
        for (int i = 0; i < layers; i++) {
            g.add(Linear.builder().setUnits(hidden).build());
            if (batchNorm) {
                g.add(BatchNorm.builder().build());
            }
            g.add(new Snake((float) alpha));
            d.add(Linear.builder().setUnits(hidden).build());
            d.add(new Snake((float) alpha));
        }
        g.add(Linear.builder().setUnits(spec.sampleSize()).build());
        d.add(Linear.builder().setUnits(1).build());
        return new GanNetworks(g, d);
    }
}
