package org.gan4j.models.dcgan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import java.util.Set;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.models.blocks.ReshapeBlock;
import org.gan4j.models.blocks.TransposedConv2d;

/**
 * The networks of DCGAN (Radford et al. 2015), shared by the unconditional and conditional
 * plugins: all-convolutional, transposed convolutions in G and strided convolutions in D, batch
 * norm everywhere except G's output and D's input, ReLU in G with a Tanh output, LeakyReLU 0.2 in
 * D, and every weight drawn from N(0, 0.02) (batch norm's scale from N(1, 0.02)).
 *
 * <p>Layouts, with base width w = 64 x the width multiplier (the PyTorch DCGAN example's ngf and
 * ndf):
 *
 * <ul>
 *   <li>64: G z -> 8w@4 -> 4w@8 -> 2w@16 -> w@32 -> C@64; D C@64 -> w@32 -> 2w@16 -> 4w@8 -> 8w@4 -> 1.
 *   <li>32: G z -> 4w@4 -> 2w@8 -> w@16 -> C@32; D C@32 -> w@16 -> 2w@8 -> 4w@4 -> 1.
 *   <li>28: G z -> 2w@7 -> w@14 -> C@28; D C@28 -> w@14 -> 2w@7 -> 1.
 * </ul>
 *
 * The first generator layer is a transposed convolution with stride 1 from a 1 x 1 input (4 x 4
 * kernel, or 7 x 7 at 28); the others use 4 x 4 kernels with stride 2 and padding 1, which double
 * the size; D's last layer is a convolution over its whole 4 x 4 (or 7 x 7) map to one logit.
 */
final class DcganLayout {

    /** Option: the width multiplier. */
    static final String WIDTH = "width";
    /** Option: normalization in D. */
    static final String D_NORM = "d-norm";
    /** Option: LeakyReLU slope in D. */
    static final String LEAKY_SLOPE = "leaky-slope";
    /** Option: standard deviation of the initial weights. */
    static final String INIT_STD = "init-std";

    /** Resolutions the layouts exist for. */
    static final Set<Long> RESOLUTIONS = Set.of(28L, 32L, 64L);

    private final int channels;
    private final int resolution;
    private final int width;
    private final boolean discriminatorBatchNorm;
    private final float slope;
    private final float initStd;

    private DcganLayout(int channels, int resolution, int width, boolean dBatchNorm, float slope, float initStd) {
        this.channels = channels;
        this.resolution = resolution;
        this.width = width;
        this.discriminatorBatchNorm = dBatchNorm;
        this.slope = slope;
        this.initStd = initStd;
    }

    /** @return the options the DCGAN plugins share */
    static List<OptionSpec> options() {
        return List.of(
                new OptionSpec(WIDTH, "1", "width multiplier: base channels = 64 x width"),
                new OptionSpec(D_NORM, "batch", "normalization in D: batch, or none (e.g. for gradient penalties)"),
                new OptionSpec(LEAKY_SLOPE, "0.2", "negative slope of D's LeakyReLU"),
                new OptionSpec(INIT_STD, "0.02", "standard deviation of the N(0, s) initial weights"));
    }

    /**
     * Why a spec cannot be built, or null.
     *
     * @param name the plugin's name, for the message
     * @param spec the spec
     * @return a one-line reason, or null
     */
    static String unsupportedReason(String name, ModelSpec spec) {
        Shape s = spec.sampleShape();
        if (s.dimension() != 3 || (s.get(0) != 1 && s.get(0) != 3) || s.get(1) != s.get(2)
                || !RESOLUTIONS.contains(s.get(1))) {
            return "model '" + name + "' needs square images with 1 or 3 channels at 28, 32 or 64 pixels, but the"
                    + " dataset's samples have shape " + s + "; choose an image dataset (shapes, fashion-mnist,"
                    + " mnist, image-folder) and its size option, or the mlp model";
        }
        return null;
    }

    /**
     * Reads the options for a spec.
     *
     * @param spec a supported spec
     * @param options the plugin's options
     * @return the layout
     */
    static DcganLayout of(ModelSpec spec, Options options) {
        double multiplier = options.getDouble(WIDTH);
        if (!(multiplier > 0) || Math.round(64 * multiplier) < 1) {
            throw options.invalid(WIDTH, options.getString(WIDTH), "a positive number (64 x width >= 1 channel)");
        }
        String norm = options.getString(D_NORM);
        if (!norm.equals("batch") && !norm.equals("none")) {
            throw options.invalid(D_NORM, norm, "batch or none");
        }
        double slope = options.getFraction(LEAKY_SLOPE);
        double std = options.getDouble(INIT_STD);
        if (!(std > 0)) {
            throw options.invalid(INIT_STD, options.getString(INIT_STD), "positive");
        }
        Shape s = spec.sampleShape();
        return new DcganLayout(
                (int) s.get(0), (int) s.get(1), (int) Math.round(64 * multiplier), norm.equals("batch"),
                (float) slope, (float) std);
    }

    /** Channel multipliers of G's feature maps, smallest map first (D mirrors them). */
    private int[] multipliers() {
        return switch (resolution) {
            case 64 -> new int[] {8, 4, 2, 1};
            case 32 -> new int[] {4, 2, 1};
            default -> new int[] {2, 1};
        };
    }

    /** Side of the smallest feature map: 4, or 7 at 28. */
    private int firstSide() {
        return resolution == 28 ? 7 : 4;
    }

    /**
     * The generator from an input of {@code inputFeatures} per sample: reshaped to a 1 x 1 map,
     * then the transposed-convolution stack.
     *
     * @param inputFeatures values a sample: the latent size, plus the classes when conditioned
     * @return the generator body, [N, F] -> [N, C, R, R]
     */
    SequentialBlock generator(int inputFeatures) {
        SequentialBlock g = new SequentialBlock();
        g.add(new ReshapeBlock(new Shape(inputFeatures, 1, 1)));
        int[] m = multipliers();
        int k = firstSide();
        g.add(transposed(m[0] * width, k, 1, 0, false));
        g.add(BatchNorm.builder().build());
        g.add(ActivationBlock.relu());
        for (int i = 1; i < m.length; i++) {
            g.add(transposed(m[i] * width, 4, 2, 1, false));
            g.add(BatchNorm.builder().build());
            g.add(ActivationBlock.relu());
        }
        g.add(transposed(channels, 4, 2, 1, true));
        g.add(ActivationBlock.tanh());
        initialize(g);
        return g;
    }

    /**
     * The discriminator body: strided convolutions down to one logit a sample.
     *
     * @return [N, C', R, R] -> [N, 1]
     */
    SequentialBlock discriminator() {
        SequentialBlock d = new SequentialBlock();
        int[] m = multipliers();
        for (int i = m.length - 1; i >= 0; i--) {
            boolean first = i == m.length - 1;
            // No batch norm at D's input (Radford et al.: it made samples oscillate).
            boolean norm = !first && discriminatorBatchNorm;
            d.add(Conv2d.builder()
                    .setFilters(m[i] * width)
                    .setKernelShape(new Shape(4, 4))
                    .optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1))
                    .optBias(!norm)
                    .build());
            if (norm) {
                d.add(BatchNorm.builder().build());
            }
            d.add(ActivationBlock.leakyRelu(slope));
        }
        int k = firstSide();
        d.add(Conv2d.builder().setFilters(1).setKernelShape(new Shape(k, k)).optBias(true).build());
        d.add(new ReshapeBlock(new Shape(1)));
        initialize(d);
        return d;
    }

    private static Block transposed(int filters, int kernel, int stride, int padding, boolean bias) {
        return TransposedConv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(bias)
                .build();
    }

    /** DCGAN's initialization: weights N(0, s), batch norm's scale N(1, s), biases zero. */
    void initialize(Block block) {
        block.setInitializer(new NormalInitializer(initStd), Parameter.Type.WEIGHT);
        Initializer aroundOne = (manager, shape, dataType) -> manager.randomNormal(1f, initStd, shape, dataType);
        block.setInitializer(aroundOne, Parameter.Type.GAMMA);
    }
}
