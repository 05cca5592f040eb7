package org.gan4j.models.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.function.Function;
import org.gan4j.models.blocks.TransposedConv2d;
import org.gan4j.models.blocks.ZeroStuffingTransposedConv;

/**
 * Times {@link TransposedConv2d}'s two forms, libtorch's own operator ({@code Form.NATIVE}) and the
 * sub-pixel form ({@code Form.SUB_PIXEL}), against the zero-stuffing form, forward and backward (gradients for the input and the weight), at the shapes of DCGAN's 64x64 generator:
 * kernel 4, stride 2, padding 1, no bias (batch normalization follows), float32 on the CPU.
 * Not a unit test: {@code bench/transposed-conv.sh} runs it.
 *
 * <pre>
 * TransposedConvBenchmark [batch (64)] [repetitions (10)] [warm-up calls (3)]
 * </pre>
 *
 * <p>Each repetition times one call of each form, alternately, so that a change in the machine's
 * load hits both; the figures are medians.
 */
public final class TransposedConvBenchmark {

    /** One generator layer: channels in and out, input side (the output side is twice it). */
    private record Layer(int inChannels, int outChannels, int size) {
        @Override
        public String toString() {
            return String.format("%3d->%-3d %2dx%-2d -> %2dx%-2d", inChannels, outChannels, size, size, 2 * size, 2 * size);
        }
    }

    private static final Layer[] DCGAN_64 = {
        new Layer(512, 256, 4), new Layer(256, 128, 8), new Layer(128, 64, 16), new Layer(64, 3, 32)
    };
    private static final Shape KERNEL = new Shape(4, 4);
    private static final Shape STRIDE = new Shape(2, 2);
    private static final Shape PADDING = new Shape(1, 1);
    private static final Shape NO_OUTPUT_PADDING = new Shape(0, 0);

    private TransposedConvBenchmark() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Engine engine = Engine.getInstance();
        engine.setRandomSeed(1);
        String threads = System.getenv("OMP_NUM_THREADS");
        System.out.printf(
                "TransposedConv2d, forward + backward, batch %d, kernel 4, stride 2, padding 1, float32; %s %s,"
                        + " OMP_NUM_THREADS %s, %d processors; median of %d after %d warm-up calls%n",
                batch, engine.getEngineName(), engine.getVersion(), threads == null ? "unset" : threads,
                Runtime.getRuntime().availableProcessors(), repetitions, warmUp);
        System.out.printf("%-24s %10s %13s %16s %10s %10s %11s%n", "layer", "native ms", "sub-pixel ms",
                "zero-stuffing ms", "sub/native", "zero/sub", "max |diff|");
        double totalNative = 0;
        double totalSubPixel = 0;
        double totalZeroStuffing = 0;
        for (Layer layer : DCGAN_64) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape inputShape = new Shape(batch, layer.inChannels, layer.size, layer.size);
                TransposedConv2d block = TransposedConv2d.builder()
                        .setFilters(layer.outChannels)
                        .setKernelShape(KERNEL)
                        .optStride(STRIDE)
                        .optPadding(PADDING)
                        .optBias(false)
                        .optForm(TransposedConv2d.Form.NATIVE)
                        .build();
                block.initialize(manager, DataType.FLOAT32, inputShape);
                NDArray weight = block.getParameters().get("weight").getArray();
                TransposedConv2d subPixelBlock = TransposedConv2d.builder()
                        .setFilters(layer.outChannels)
                        .setKernelShape(KERNEL)
                        .optStride(STRIDE)
                        .optPadding(PADDING)
                        .optBias(false)
                        .optForm(TransposedConv2d.Form.SUB_PIXEL)
                        .build();
                subPixelBlock.initialize(manager, DataType.FLOAT32, inputShape);
                subPixelBlock.getParameters().get("weight").getArray().set(weight.toByteBuffer());
                NDArray x = manager.randomNormal(inputShape);
                ParameterStore parameters = new ParameterStore(manager, false);
                Function<NDArray, NDArray> nativeForm =
                        in -> block.forward(parameters, new NDList(in), true).singletonOrThrow();
                Function<NDArray, NDArray> subPixel =
                        in -> subPixelBlock.forward(parameters, new NDList(in), true).singletonOrThrow();
                Function<NDArray, NDArray> zeroStuffing =
                        in -> ZeroStuffingTransposedConv.forward(in, weight, null, STRIDE, PADDING, NO_OUTPUT_PADDING);

                double difference = Math.max(
                        maxDifference(x, nativeForm, zeroStuffing), maxDifference(x, subPixel, zeroStuffing));
                for (int i = 0; i < warmUp; i++) {
                    step(x, nativeForm);
                    step(x, subPixel);
                    step(x, zeroStuffing);
                }
                double[] nativeMs = new double[repetitions];
                double[] subPixelMs = new double[repetitions];
                double[] zeroStuffingMs = new double[repetitions];
                for (int r = 0; r < repetitions; r++) {
                    nativeMs[r] = step(x, nativeForm);
                    subPixelMs[r] = step(x, subPixel);
                    zeroStuffingMs[r] = step(x, zeroStuffing);
                }
                double n = median(nativeMs);
                double a = median(subPixelMs);
                double b = median(zeroStuffingMs);
                totalNative += n;
                totalSubPixel += a;
                totalZeroStuffing += b;
                System.out.printf("%-24s %10.2f %13.2f %16.2f %10.2f %10.2f %11.1e%n", layer, n, a, b, a / n, b / a, difference);
            }
        }
        System.out.printf("%-24s %10.2f %13.2f %16.2f %10.2f %10.2f%n", "all four layers", totalNative, totalSubPixel,
                totalZeroStuffing, totalSubPixel / totalNative, totalZeroStuffing / totalSubPixel);
        System.out.println("native: libtorch's conv_transpose2d (Form.NATIVE; Form.AUTO, the default, picks it"
                + " for 16 or more output channels); sub-pixel: Form.SUB_PIXEL");
    }

    /** One forward and backward pass, in milliseconds; everything it creates is freed after. */
    private static double step(NDArray x, Function<NDArray, NDArray> form) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray in = x.duplicate();
            in.setRequiresGradient(true);
            long start = System.nanoTime();
            // Gradients accumulate in the weight (the engine does not zero them), at the same cost
            // for both forms; zeroing them would walk every array the engine holds.
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(form.apply(in));
            }
            // Reading one gradient value waits for the backward pass to finish.
            in.getGradient().get(0, 0, 0, 0).getFloat();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static double maxDifference(NDArray x, Function<NDArray, NDArray> a, Function<NDArray, NDArray> b) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return a.apply(x).sub(b.apply(x)).abs().max().getFloat();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
