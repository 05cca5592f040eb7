package org.gan4j.models.cgan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.models.blocks.LabelConcat;
import org.gan4j.models.blocks.Maxout;
import org.gan4j.models.blocks.ReshapeBlock;
import org.gan4j.models.dcgan.Dcgan;

/**
 * The conditional GAN of Mirza and Osindero (2014): MLPs in which both networks read the one-hot
 * label y. G maps z and y through a hidden layer each, joins them, and maps the join through
 * further hidden layers to a Tanh output; D maps the flattened sample x and y through a hidden
 * layer each, joins them, and maps the join to one logit.
 *
 * <p>The defaults depart from the paper's widths and units, because the paper's design did not
 * train on Fashion-MNIST here (10 epochs, class accuracy of the generated samples by gan4j's
 * classifier; docs/models.md, "Image GANs"):
 * <ul>
 *   <li>The paper's networks (G: z to 200, y to 1000, joined to 1200; D: maxout, 240 and 50 units
 *       joined to 240, dropout 0.5) drew one image per class whatever z was, speckled: 27.5% after
 *       4 epochs. D judges one sample at a time, so it cannot see that a class's samples are all
 *       alike.
 *   <li>Batch norm in D's joint layers (which lets D compare the samples of a batch) and in every
 *       hidden layer of G fixed that: with the paper's G widths, 67.9% after 10 epochs; with G's
 *       branches 256 wide and joint layers of 512 and 1024, and D's branches 1024 wide and joint
 *       layers of 512 and 256 (the widths of common open-source cGANs), 77.2% and cleaner samples.
 *       These are the defaults.
 * </ul>
 * Other departures: LeakyReLU 0.2 instead of maxout in D (maxout stays available, {@code
 * d-maxout-pieces}); z Gaussian instead of uniform, like every gan4j model; Tanh output instead
 * of sigmoid, because images are scaled to [-1, 1]; Adam 2e-4 with beta1 0.5 instead of SGD with
 * momentum. The paper's G widths are {@code g-z-width=200 g-label-width=1000 g-hidden=1200}.
 */
public final class Cgan implements ArchitectureProvider {

    static final String G_Z_WIDTH = "g-z-width";
    static final String G_LABEL_WIDTH = "g-label-width";
    static final String G_HIDDEN = "g-hidden";
    static final String D_X_WIDTH = "d-x-width";
    static final String D_LABEL_WIDTH = "d-label-width";
    static final String D_HIDDEN = "d-hidden";
    static final String D_NORM = "d-norm";
    static final String D_MAXOUT_PIECES = "d-maxout-pieces";
    static final String LEAKY_SLOPE = "leaky-slope";

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
                new OptionSpec(G_Z_WIDTH, "256", "G: units z is mapped to (the paper: 200)"),
                new OptionSpec(G_LABEL_WIDTH, "256", "G: units the label is mapped to (the paper: 1000)"),
                new OptionSpec(G_HIDDEN, "512,1024", "G: widths of the hidden layers after the join (the paper: 1200)"),
                new OptionSpec(D_X_WIDTH, "1024", "D: units the sample is mapped to"),
                new OptionSpec(D_LABEL_WIDTH, "1024", "D: units the label is mapped to"),
                new OptionSpec(D_HIDDEN, "512,256", "D: widths of the hidden layers after the join"),
                new OptionSpec(D_NORM, "batch", "normalization of D's joint layers: batch, or none (e.g. for gradient penalties)"),
                new OptionSpec(D_MAXOUT_PIECES, "0", "D: maxout units with this many pieces instead of LeakyReLU (the paper: 5); 0 for off"),
                new OptionSpec(LEAKY_SLOPE, "0.2", "negative slope of D's LeakyReLU"));
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
        String norm = options.getString(D_NORM);
        if (!norm.equals("batch") && !norm.equals("none")) {
            throw options.invalid(D_NORM, norm, "batch or none");
        }
        int pieces = options.getInt(D_MAXOUT_PIECES);
        if (pieces < 0) {
            throw options.invalid(D_MAXOUT_PIECES, options.getString(D_MAXOUT_PIECES), "0 (off) or a positive integer");
        }
        int classes = spec.numClasses();

        SequentialBlock generator = new SequentialBlock().add(new LabelConcat(
                classes,
                generatorLayer(width(options, G_Z_WIDTH)),
                generatorLayer(width(options, G_LABEL_WIDTH))));
        for (int w : options.getPositiveIntList(G_HIDDEN)) {
            generator.add(generatorLayer(w));
        }
        generator.add(Linear.builder().setUnits(spec.sampleSize()).build()).add(ActivationBlock.tanh());
        if (spec.sampleShape().dimension() > 1) {
            generator.add(new ReshapeBlock(spec.sampleShape()));
        }

        SequentialBlock sampleBranch = new SequentialBlock();
        if (spec.sampleShape().dimension() > 1) {
            sampleBranch.add(new ReshapeBlock(new Shape(spec.sampleSize())));
        }
        sampleBranch.add(discriminatorLayer(width(options, D_X_WIDTH), pieces, false, slope));
        Block labelBranch = discriminatorLayer(width(options, D_LABEL_WIDTH), pieces, false, slope);
        SequentialBlock discriminator = new SequentialBlock().add(new LabelConcat(classes, sampleBranch, labelBranch));
        for (int w : options.getPositiveIntList(D_HIDDEN)) {
            // Batch norm here lets D compare the samples of a batch, so a generator that draws one
            // image per class is caught (without it, G ignored z).
            discriminator.add(discriminatorLayer(w, pieces, norm.equals("batch"), slope));
        }
        discriminator.add(Linear.builder().setUnits(1).build());
        return new GanNetworks(generator, discriminator);
    }

    /** Linear, batch norm, ReLU: batch norm in every hidden layer keeps z's signal alive. */
    private static Block generatorLayer(int units) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(units).build())
                .add(BatchNorm.builder().build())
                .add(ActivationBlock.relu());
    }

    private static Block discriminatorLayer(int units, int pieces, boolean batchNorm, float slope) {
        SequentialBlock layer = new SequentialBlock();
        if (pieces > 0) {
            layer.add(new Maxout(units, pieces));
            if (batchNorm) {
                layer.add(BatchNorm.builder().build());
            }
            return layer;
        }
        layer.add(Linear.builder().setUnits(units).build());
        if (batchNorm) {
            layer.add(BatchNorm.builder().build());
        }
        return layer.add(ActivationBlock.leakyRelu(slope));
    }

    private static int width(Options options, String key) {
        int w = options.getInt(key);
        if (w <= 0) {
            throw options.invalid(key, options.getString(key), "a positive integer");
        }
        return w;
    }
}
