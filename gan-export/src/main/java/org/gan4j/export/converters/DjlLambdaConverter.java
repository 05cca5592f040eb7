package org.gan4j.export.converters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.export.ExportException;

/**
 * DJL's named {@link LambdaBlock}s: the blocks of {@link ai.djl.nn.Activation} and {@link
 * ai.djl.nn.Blocks#batchFlattenBlock()} and {@link ai.djl.nn.Blocks#identityBlock()}, which are
 * all LambdaBlocks told apart only by {@link LambdaBlock#getName()}.
 *
 * <p>A name is only a claim, and leaky ReLU's and ELU's alpha and swish's beta live in the lambda,
 * out of reach. So the block is run in inference mode on probe values: its parameter is recovered
 * from them (leaky ReLU: alpha = -f(-1); ELU: alpha = -f(-30), as e^-30 is below float precision;
 * swish: beta from f(x) = x sigmoid(beta x) at an x where that is well conditioned), and every probe
 * value must then match what the name says, or the export stops. The probes fill the block's own
 * input shape, and a value must come out the same wherever it sits, so a lambda that is not
 * element-wise is refused too.
 *
 * <table>
 * <caption>DJL block (name) and the ONNX nodes written</caption>
 * <tr><td>{@code reluBlock()} (ReLU)<td>{@code Relu}
 * <tr><td>{@code relu6Block()} (ReLU6)<td>{@code Clip} to [0, 6]
 * <tr><td>{@code sigmoidBlock()} (sigmoid)<td>{@code Sigmoid}
 * <tr><td>{@code tanhBlock()} (Tanh)<td>{@code Tanh}
 * <tr><td>{@code softPlusBlock()} (softPlus)<td>{@code Softplus}
 * <tr><td>{@code softSignBlock()} (softSign)<td>{@code Softsign}
 * <tr><td>{@code leakyReluBlock(alpha)} (LeakyReLU)<td>{@code LeakyRelu} with the probed alpha
 * <tr><td>{@code eluBlock(alpha)} (ELU)<td>{@code Elu} with the probed alpha
 * <tr><td>{@code seluBlock()} (SELU)<td>{@code Selu}: ONNX's default alpha and gamma are PyTorch's
 *     constants rounded to float32, and the probe checks the block uses them
 * <tr><td>{@code geluBlock()} (GELU)<td>PyTorch computes the exact form, 0.5 x (1 + erf(x /
 *     sqrt 2)): {@code Gelu} from opset 20, else {@code Mul}, {@code Erf}, {@code Add}; a GELU
 *     that probes as the tanh approximation gets {@code Gelu} with approximate "tanh" or its
 *     {@code Tanh} formula
 * <tr><td>{@code swishBlock(beta)} (Swish)<td>x {@code Sigmoid}(beta x)
 * <tr><td>{@code mishBlock()} (Mish)<td>DJL 0.35.1 computes x tanh(log2(1 + e^x)), with a base-2
 *     logarithm, which ONNX's {@code Mish} is not: written as {@code Exp}, {@code Add}, {@code
 *     Log}, a {@code Mul} by 1 / ln 2, {@code Tanh}, {@code Mul}. A LambdaBlock named Mish that
 *     probes as the usual x tanh(ln(1 + e^x)) gets {@code Mish} from opset 18, else {@code
 *     Softplus}, {@code Tanh}, {@code Mul}
 * <tr><td>{@code Blocks.batchFlattenBlock()} (batchFlatten)<td>{@code Flatten} on axis 1 (no node
 *     for an input that is already [N, D])
 * <tr><td>{@code Blocks.identityBlock()} (identity)<td>no node
 * </table>
 *
 * <p>Any other LambdaBlock, unnamed ("anonymous") or named otherwise, is refused with its name, its
 * place in the generator and the fix. {@code Activation.preluBlock()} is a class of its own,
 * {@code ai.djl.nn.core.Prelu}, not a LambdaBlock, and has no converter: DJL 0.35.1's PyTorch
 * engine does not implement its forward pass, so no gan4j generator can hold one.
 */
public final class DjlLambdaConverter implements BlockConverter {

    /** The DJL names this converter translates, in the order messages list them. */
    static final List<String> NAMES = List.of("ReLU", "ReLU6", "sigmoid", "Tanh", "softPlus", "softSign",
            "LeakyReLU", "ELU", "SELU", "GELU", "Swish", "Mish", "batchFlatten", "identity");

    /**
     * Where the block is probed: both signs, both sides of ReLU6's 6, the saturated tails (-30
     * makes ELU's e^x vanish in float32) and 0. All are exact in float32.
     */
    private static final float[] POINTS = {-30, -7, -3, -2, -1, -0.5f, -0.25f, 0, 0.25f, 0.5f, 1, 2, 3, 6.5f, 7, 30};

    /**
     * How far a probed value may be from the named function, relative to max(1, |value|): a few
     * float32 roundings pass, while the nearest wrong reading, GELU's tanh approximation for the
     * exact form, is off by 1.5e-4 at x = 1.
     */
    private static final double TOLERANCE = 1e-5;

    /** SELU's alpha and scale as PyTorch has them; ONNX's defaults are their float32 roundings. */
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_SCALE = 1.0507009873554805;

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GELU_TANH_CUBIC = 0.044715;

    /** The fix offered with every refusal. */
    private static final String FIX = "implement org.gan4j.api.export.BlockConverter for it, list the class in"
            + " META-INF/services/org.gan4j.api.export.BlockConverter, and put its jar in a plugin folder or on the class path";

    @Override
    public String name() {
        return "djl-lambda";
    }

    @Override
    public String description() {
        return "DJL's named LambdaBlocks (Activation's blocks, batchFlatten, identity), probed, as ONNX ops";
    }

    @Override
    public Class<? extends Block> blockType() {
        return LambdaBlock.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        LambdaBlock lambda = (LambdaBlock) block;
        String name = lambda.getName();
        String path = graph.pathOf(block);
        String who = "block " + block.getClass().getName() + " '" + name + "' (at " + path + ")";
        if (!NAMES.contains(name)) {
            throw new ExportException("no ONNX converter for " + who + ": a LambdaBlock hides what it computes,"
                    + " and gan4j translates only DJL's named ones (" + String.join(", ", NAMES) + ");"
                    + " use one of those (ai.djl.nn.Activation's blocks, ai.djl.nn.Blocks.batchFlattenBlock())"
                    + " or a named block class with a converter: " + FIX);
        }
        if (inputs.size() != 1) {
            throw new ExportException("cannot export " + who + ": it is given " + inputs.size()
                    + " inputs, but DJL's " + name + " takes one; make it a block class of its own with a converter: " + FIX);
        }
        Probe probe = new Probe(lambda, who, graph.shapeOf(inputs.get(0)));
        String x = inputs.get(0);
        List<String> in = List.of(x);
        return List.of(switch (name) {
            case "ReLU" -> {
                probe.expect("ReLU", v -> Math.max(0, v));
                yield graph.node("Relu", in, Map.of());
            }
            case "ReLU6" -> {
                probe.expect("ReLU6", v -> Math.min(6, Math.max(0, v)));
                // Clip's bounds have been inputs since opset 11, below the lowest gan4j writes.
                yield graph.node("Clip", List.of(x, scalar(graph, path + ".min", 0), scalar(graph, path + ".max", 6)),
                        Map.of());
            }
            case "sigmoid" -> {
                probe.expect("sigmoid", DjlLambdaConverter::sigmoid);
                yield graph.node("Sigmoid", in, Map.of());
            }
            case "Tanh" -> {
                probe.expect("Tanh", Math::tanh);
                yield graph.node("Tanh", in, Map.of());
            }
            case "softPlus" -> {
                probe.expect("softPlus", DjlLambdaConverter::softplus);
                yield graph.node("Softplus", in, Map.of());
            }
            case "softSign" -> {
                probe.expect("softSign", v -> v / (1 + Math.abs(v)));
                yield graph.node("Softsign", in, Map.of());
            }
            case "LeakyReLU" -> {
                // f(-1) = -alpha exactly, in float32 as in double.
                float alpha = (float) -probe.at(-1);
                probe.expect("LeakyReLU with alpha = -f(-1) = " + alpha, v -> v >= 0 ? v : alpha * v);
                yield graph.node("LeakyRelu", in, Map.of("alpha", alpha));
            }
            case "ELU" -> {
                // f(-30) = alpha (e^-30 - 1) rounds to -alpha in float32.
                float alpha = (float) -probe.at(-30);
                probe.expect("ELU with alpha = -f(-30) = " + alpha, v -> v >= 0 ? v : alpha * Math.expm1(v));
                yield graph.node("Elu", in, Map.of("alpha", alpha));
            }
            case "SELU" -> {
                probe.expect("SELU", v -> SELU_SCALE * (v >= 0 ? v : SELU_ALPHA * Math.expm1(v)));
                yield graph.node("Selu", in, Map.of());
            }
            case "GELU" -> gelu(probe, x, path, graph);
            case "Swish" -> swish(probe, x, path, graph);
            case "Mish" -> mish(probe, x, path, graph);
            case "batchFlatten" -> {
                probe.expectFlatten();
                // An input already [N, D] passes through; Flatten would only copy it.
                yield graph.shapeOf(x).dimension() <= 2 ? x : graph.node("Flatten", in, Map.of("axis", 1L));
            }
            case "identity" -> {
                probe.expect("identity", v -> v);
                yield x;
            }
            default -> throw new IllegalStateException("a name in NAMES without a translation: " + name);
        });
    }

    /** GELU, exact (PyTorch's default, and DJL's) or the tanh approximation, whichever the block computes. */
    private static String gelu(Probe probe, String x, String path, OnnxGraphBuilder graph) {
        DoubleUnaryOperator exact = v -> 0.5 * v * (1 + erf(v / Math.sqrt(2)));
        DoubleUnaryOperator tanhForm = v -> 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_TANH_CUBIC * v * v * v)));
        boolean isExact = probe.matches(exact);
        if (!isExact) {
            probe.expect("GELU (exact, or its tanh approximation)", tanhForm);
        }
        if (graph.opset() >= 20) {
            return graph.node("Gelu", List.of(x), isExact ? Map.of() : Map.of("approximate", "tanh"));
        }
        String y;
        if (isExact) {
            String scaled = graph.node("Mul", List.of(x, scalar(graph, path + ".inv_sqrt2", 1 / Math.sqrt(2))), Map.of());
            y = graph.node("Erf", List.of(scaled), Map.of());
        } else {
            String cube = graph.node("Mul", List.of(x, graph.node("Mul", List.of(x, x), Map.of())), Map.of());
            String cubic = graph.node("Mul", List.of(cube, scalar(graph, path + ".cubic", GELU_TANH_CUBIC)), Map.of());
            String inner = graph.node("Mul", List.of(graph.node("Add", List.of(x, cubic), Map.of()),
                    scalar(graph, path + ".sqrt_2_over_pi", SQRT_2_OVER_PI)), Map.of());
            y = graph.node("Tanh", List.of(inner), Map.of());
        }
        String onePlus = graph.node("Add", List.of(y, scalar(graph, path + ".one", 1)), Map.of());
        String times = graph.node("Mul", List.of(x, onePlus), Map.of());
        return graph.node("Mul", List.of(times, scalar(graph, path + ".half", 0.5)), Map.of());
    }

    /** Swish, x sigmoid(beta x), with beta recovered from the block; ONNX (to opset 21) has no Swish. */
    private static String swish(Probe probe, String x, String path, OnnxGraphBuilder graph) {
        // A first estimate from f(0.25) = 0.25 sigmoid(beta / 4), which stays below 0.25 in float32
        // for any beta under 60, then a second probe at x = 2 / |beta|, where sigmoid(beta x) is near
        // 0.88 and its logit loses little of f's float32 precision.
        double estimate = 4 * logit(probe.at(0.25f) / 0.25);
        if (!Double.isFinite(estimate)) {
            throw probe.lie("Swish", String.format(Locale.ROOT, "it gives %.6g at 0.25, which x sigmoid(beta x) gives"
                    + " for no beta", probe.at(0.25f)));
        }
        float at = (float) Math.max(1e-3, Math.min(1e3, estimate == 0 ? 1e3 : 2 / Math.abs(estimate)));
        double atValue = probe.extra(at);
        double fitted = logit(atValue / at) / at;
        if (!Double.isFinite(fitted)) {
            throw probe.lie("Swish", String.format(Locale.ROOT, "it gives %.6g at %s, which x sigmoid(beta x) gives"
                    + " for no beta", atValue, at));
        }
        float beta = shortest(fitted);
        probe.expect("Swish with beta = " + beta, v -> v * sigmoid(beta * v));
        String scaled = beta == 1f ? x : graph.node("Mul", List.of(x, scalar(graph, path + ".beta", beta)), Map.of());
        return graph.node("Mul", List.of(x, graph.node("Sigmoid", List.of(scaled), Map.of())), Map.of());
    }

    /** Mish as DJL computes it (base-2 logarithm) or, for a block that probes so, the usual Mish. */
    private static String mish(Probe probe, String x, String path, OnnxGraphBuilder graph) {
        DoubleUnaryOperator usual = v -> v * Math.tanh(softplus(v));
        DoubleUnaryOperator djl = v -> v * Math.tanh(softplus(v) / Math.log(2));
        if (probe.matches(usual)) {
            if (graph.opset() >= 18) {
                return graph.node("Mish", List.of(x), Map.of());
            }
            return graph.node("Mul", List.of(x, graph.node("Tanh", List.of(graph.node("Softplus", List.of(x), Map.of())),
                    Map.of())), Map.of());
        }
        probe.expect("Mish (DJL's x tanh(log2(1 + e^x)), or x tanh(ln(1 + e^x)))", djl);
        // As DJL writes it, exp then log, so that large x overflow to x * tanh(inf) = x as DJL's do.
        String exp = graph.node("Exp", List.of(x), Map.of());
        String log = graph.node("Log", List.of(graph.node("Add", List.of(exp, scalar(graph, path + ".one", 1)), Map.of())),
                Map.of());
        String log2 = graph.node("Mul", List.of(log, scalar(graph, path + ".inv_ln2", 1 / Math.log(2))), Map.of());
        return graph.node("Mul", List.of(x, graph.node("Tanh", List.of(log2), Map.of())), Map.of());
    }

    /**
     * A fitted value as the float32 with the fewest significant digits within 8 ulps of it: the fit
     * is good to a few ulps, and the value a user wrote is most likely a short decimal (1 rather
     * than 0.99999994, which also saves swish's Mul). The probe checks the value chosen.
     */
    static float shortest(double fitted) {
        float f = (float) fitted;
        float window = 8 * Math.ulp(f);
        for (int digits = 1; digits <= 9; digits++) {
            float candidate = new java.math.BigDecimal(fitted).round(new java.math.MathContext(digits)).floatValue();
            if (Math.abs(candidate - f) <= window) {
                return candidate;
            }
        }
        return f;
    }

    private static String scalar(OnnxGraphBuilder graph, String name, double value) {
        return graph.floats(name, new Shape(), (float) value);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** ln(1 + e^x) without overflow for large x. */
    private static double softplus(double v) {
        return v > 30 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /**
     * erf by its Taylor series up to |z| = 4, where the terms stay below 1e7 and the sum keeps
     * 1e-9; beyond, erf(z) = sign(z) within erfc(4) = 1.6e-8, which moves 0.5 x (1 + erf(x /
     * sqrt 2)) by far less than {@link #TOLERANCE}.
     */
    static double erf(double z) {
        if (Math.abs(z) > 4) {
            return Math.signum(z);
        }
        // erf(z) = 2 / sqrt(pi) * sum_n (-1)^n z^(2n+1) / (n! (2n+1))
        double term = z;
        double sum = z;
        for (int n = 1; n < 200; n++) {
            term *= -z * z / n;
            double next = term / (2 * n + 1);
            sum += next;
            if (Math.abs(next) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** A LambdaBlock's values at {@link #POINTS}, taken once, and the checks made against them. */
    private static final class Probe {

        private final LambdaBlock block;
        private final String who;
        private final String name;
        private final long[] sample;
        private double[] values;

        /**
         * A probe of a block; it runs the block when first asked for a value.
         *
         * @param inputShape the block's input shape in the graph, batch axis -1
         */
        Probe(LambdaBlock block, String who, Shape inputShape) {
            this.block = block;
            this.who = who;
            this.name = block.getName();
            long[] dims = inputShape.getShape();
            sample = new long[Math.max(0, dims.length - 1)];
            System.arraycopy(dims, 1, sample, 0, sample.length);
        }

        /**
         * The block's values at {@link #POINTS}, from the block's own sample shape, with enough
         * samples to hold every point (the first call runs the block).
         */
        private double[] values() {
            if (values == null) {
                long perSample = Math.max(1, new Shape(sample).size());
                values = run(POINTS, (POINTS.length + perSample - 1) / perSample);
            }
            return values;
        }

        /** The block's value at one of {@link #POINTS}. */
        double at(float point) {
            for (int i = 0; i < POINTS.length; i++) {
                if (POINTS[i] == point) {
                    return values()[i];
                }
            }
            throw new IllegalArgumentException(point + " is not a probe point");
        }

        /** The block's value at a point chosen from earlier probes (swish's second look). */
        double extra(float point) {
            return run(new float[] {point}, 1)[0];
        }

        /** Whether every probed value is the function's, within {@link #TOLERANCE}. */
        boolean matches(DoubleUnaryOperator f) {
            return firstMismatch(f) < 0;
        }

        /** Refuses the block unless every probed value is the function's. */
        void expect(String what, DoubleUnaryOperator f) {
            int i = firstMismatch(f);
            if (i >= 0) {
                throw lie(what, String.format(Locale.ROOT, "it gives %.6g at %s, not %.6g",
                        values()[i], format(POINTS[i]), f.applyAsDouble(POINTS[i])));
            }
        }

        /**
         * Refuses the block unless it flattens like {@link ai.djl.nn.Blocks#batchFlatten}: [2,
         * sample...] in, [2, sample size] out, values in the same order.
         */
        void expectFlatten() {
            long size = new Shape(sample).size();
            long[] dims = new long[sample.length + 1];
            dims[0] = 2;
            System.arraycopy(sample, 0, dims, 1, sample.length);
            float[] in = new float[(int) (2 * size)];
            for (int i = 0; i < in.length; i++) {
                in[i] = i;
            }
            try (NDManager scratch = NDManager.newBaseManager()) {
                NDArray out = forward(scratch, scratch.create(in, new Shape(dims)));
                Shape expected = new Shape(2, size);
                if (!out.getShape().equals(expected)) {
                    throw lie("batchFlatten", "it turns " + new Shape(dims) + " into " + out.getShape()
                            + ", not " + expected);
                }
                float[] got = out.toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < in.length; i++) {
                    if (got[i] != in[i]) {
                        throw lie("batchFlatten", "it moves or changes the values (value " + i + " is " + got[i] + ")");
                    }
                }
            }
        }

        ExportException lie(String what, String evidence) {
            return new ExportException("cannot export " + who + ": it is named as DJL's " + name
                    + " but does not compute " + what + ": " + evidence + "; give it another name, or make it a"
                    + " block class of its own with a converter: " + FIX);
        }

        private int firstMismatch(DoubleUnaryOperator f) {
            double[] values = values();
            for (int i = 0; i < POINTS.length; i++) {
                double expected = f.applyAsDouble(POINTS[i]);
                // Written so that NaN fails.
                if (!(Math.abs(values[i] - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)))) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * The block's value at each point, from one inference-mode forward pass over an input of
         * [samples, sample...] filled with the points in turn. Each point's first value is kept;
         * the others must agree with it, as they do for an element-wise function.
         */
        private double[] run(float[] points, long samples) {
            long[] dims = new long[sample.length + 1];
            dims[0] = samples;
            System.arraycopy(sample, 0, dims, 1, sample.length);
            Shape shape = new Shape(dims);
            float[] in = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < in.length; i++) {
                in[i] = points[i % points.length];
            }
            try (NDManager scratch = NDManager.newBaseManager()) {
                NDArray out = forward(scratch, scratch.create(in, shape));
                if (!out.getShape().equals(shape)) {
                    throw lie(name, "it turns " + shape + " into " + out.getShape() + ", where " + name
                            + " keeps the shape");
                }
                float[] y = out.toType(DataType.FLOAT32, false).toFloatArray();
                double[] first = new double[points.length];
                for (int i = 0; i < y.length; i++) {
                    int p = i % points.length;
                    if (i < points.length) {
                        first[p] = y[i];
                    } else if (!(Math.abs(y[i] - first[p]) <= TOLERANCE * Math.max(1, Math.abs(first[p])))) {
                        throw lie(name, String.format(Locale.ROOT, "it is not element-wise: it gives %.6g and %.6g"
                                + " for %s at two places", first[p], y[i], format(points[p])));
                    }
                }
                return first;
            }
        }

        private NDArray forward(NDManager scratch, NDArray x) {
            NDList out;
            try {
                out = block.forward(new ParameterStore(scratch, false), new NDList(x), false);
            } catch (RuntimeException e) {
                throw new ExportException("cannot export " + who + ": it failed when probed with an input of shape "
                        + x.getShape() + " (" + e + "); make it a block class of its own with a converter: " + FIX, e);
            }
            if (out.size() != 1) {
                throw lie(name, "it gives " + out.size() + " outputs for one input");
            }
            NDArray y = out.get(0);
            y.attach(scratch);
            return y;
        }

        private static String format(float v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }
}
