package org.gan4j.models.cgan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.models.blocks.LabelConcat;
import org.gan4j.models.blocks.ReshapeBlock;
import org.gan4j.models.dcgan.Dcgan;

/**
 * The conditional GAN of Mirza and Osindero (2014), with the paper's MNIST widths as defaults.
 * G maps z to 200 ReLU units and the one-hot label y to 1000, joins them, and passes the 1200
 * through a combined ReLU layer of 1200 to the output. D maps the flattened sample x to 240
 * units and y to 50, joins them, and passes them through a joint layer of 240 to one logit.
 *
 * <p>D applies dropout 0.5 after each hidden layer, as the paper does. Departures from the paper,
 * each for a reason: D's units are LeakyReLU 0.2 instead of maxout (5 and 4 pieces), which keeps D
 * a plain stack that exports to ONNX directly; G's combined layer is batch-normalized, without
 * which G saturated its Tanh output within the first epoch on Fashion-MNIST (D's loss fell to
 * 0.0005 and every sample was the same noise); z is Gaussian instead of uniform, like every other
 * gan4j model; the output is Tanh, not sigmoid, because gan4j's images are scaled to [-1, 1];
 * training uses Adam 2e-4 with beta1 0.5 instead of SGD with momentum and a decaying rate.
 */
public final class Cgan implements ArchitectureProvider {

    static final String G_Z_WIDTH = "g-z-width";
    static final String G_LABEL_WIDTH = "g-label-width";
    static final String G_JOINT_WIDTH = "g-joint-width";
    static final String D_X_WIDTH = "d-x-width";
    static final String D_LABEL_WIDTH = "d-label-width";
    static final String D_JOINT_WIDTH = "d-joint-width";
    static final String LEAKY_SLOPE = "leaky-slope";
    static final String DROPOUT = "dropout";

    @Override
    public String name() {
        return "cgan";
    }

    @Override
    public String description() {
        return "conditional GAN (Mirza and Osindero 2014): MLPs with one-hot labels joined in G and D";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec(G_Z_WIDTH, "200", "G: units z is mapped to"),
                new OptionSpec(G_LABEL_WIDTH, "1000", "G: units the label is mapped to"),
                new OptionSpec(G_JOINT_WIDTH, "1200", "G: units of the combined hidden layer"),
                new OptionSpec(D_X_WIDTH, "240", "D: units the sample is mapped to"),
                new OptionSpec(D_LABEL_WIDTH, "50", "D: units the label is mapped to"),
                new OptionSpec(D_JOINT_WIDTH, "240", "D: units of the joint hidden layer"),
                new OptionSpec(LEAKY_SLOPE, "0.2", "negative slope of D's LeakyReLU"),
                new OptionSpec(DROPOUT, "0.5", "dropout rate after each of D's hidden layers (the paper's 0.5)"));
    }

    @Override
    public boolean conditional() {
        return true;
    }

    @Override
    public TrainConfig.Builder recommendedSettings(TrainConfig.Builder defaults) {
        return Dcgan.recipe(defaults);
    }

    @Override
    public GanNetworks create(ModelSpec spec, Options options) {
        float slope = (float) options.getFraction(LEAKY_SLOPE);
        float dropout = (float) options.getFraction(DROPOUT);
        int classes = spec.numClasses();
        SequentialBlock generator =
                new SequentialBlock()
                        .add(new LabelConcat(
                                classes,
                                dense(width(options, G_Z_WIDTH), ActivationBlock.relu()),
                                dense(width(options, G_LABEL_WIDTH), ActivationBlock.relu())))
                        .add(Linear.builder().setUnits(width(options, G_JOINT_WIDTH)).build())
                        .add(BatchNorm.builder().build())
                        .add(ActivationBlock.relu())
                        .add(Linear.builder().setUnits(spec.sampleSize()).build())
                        .add(ActivationBlock.tanh());
        if (spec.sampleShape().dimension() > 1) {
            generator.add(new ReshapeBlock(spec.sampleShape()));
        }
        SequentialBlock sampleBranch = new SequentialBlock();
        if (spec.sampleShape().dimension() > 1) {
            sampleBranch.add(new ReshapeBlock(new Shape(spec.sampleSize())));
        }
        sampleBranch.add(Linear.builder().setUnits(width(options, D_X_WIDTH)).build());
        sampleBranch.add(ActivationBlock.leakyRelu(slope));
        SequentialBlock labelBranch =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(width(options, D_LABEL_WIDTH)).build())
                        .add(ActivationBlock.leakyRelu(slope));
        SequentialBlock discriminator = new SequentialBlock();
        if (dropout > 0) {
            // Dropout keeps the discriminator from overpowering the generator, as in the paper.
            sampleBranch.add(Dropout.builder().optRate(dropout).build());
            labelBranch.add(Dropout.builder().optRate(dropout).build());
        }
        discriminator
                .add(new LabelConcat(classes, sampleBranch, labelBranch))
                .add(Linear.builder().setUnits(width(options, D_JOINT_WIDTH)).build())
                .add(ActivationBlock.leakyRelu(slope));
        if (dropout > 0) {
            discriminator.add(Dropout.builder().optRate(dropout).build());
        }
        discriminator.add(Linear.builder().setUnits(1).build());
        return new GanNetworks(generator, discriminator);
    }

    private static Block dense(int units, Block activation) {
        return new SequentialBlock().add(Linear.builder().setUnits(units).build()).add(activation);
    }

    private static int width(Options options, String key) {
        int w = options.getInt(key);
        if (w <= 0) {
            throw options.invalid(key, options.getString(key), "a positive integer");
        }
        return w;
    }
}
