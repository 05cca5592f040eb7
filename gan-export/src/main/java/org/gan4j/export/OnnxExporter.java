package org.gan4j.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gan4j.api.export.TrainedProduct;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.GeneratorMetadata;
import org.gan4j.onnx.InputValues;
import org.gan4j.onnx.OnnxGenerator;

/**
 * Writes a trained product network as an ONNX model and checks it against ONNX Runtime before
 * anything is written.
 *
 * <p>The graph follows {@link GeneratorMetadata}'s contract: the product's inputs in order, each by
 * its name, float32 [N, shape...] (normal, uniform and image inputs) or int64 [N] (categorical
 * ones), N dynamic; output {@code image}. Values are in the data's units: the output is scaled
 * from the model's units, and image inputs to them. Batch norm is exported in inference mode, or
 * folded into the layer before it. Each block is translated by the {@link
 * org.gan4j.api.export.BlockConverter} registered for its class.
 *
 * <pre>{@code
 * OnnxExporter exporter = OnnxExporter.builder().optFoldBatchNorm(true).build();
 * ExportReport report = exporter.export(trainedModel.trainedProduct(), Path.of("generator.onnx"));
 * }</pre>
 */
public final class OnnxExporter {

    /** The default operator set: widely supported by runtimes. */
    public static final int DEFAULT_OPSET = 17;
    /** The lowest operator set gan4j writes (Unsqueeze's axes became an input in 13). */
    public static final int MIN_OPSET = 13;
    /** The highest operator set gan4j writes (checked with ONNX Runtime 1.23). */
    public static final int MAX_OPSET = 21;
    /** The default largest absolute difference allowed between ONNX Runtime and DJL. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    private final int opset;
    private final boolean foldBatchNorm;
    private final boolean uint8Output;
    private final double tolerance;
    private final ConverterRegistry converters;

    private OnnxExporter(Builder b) {
        opset = b.opset;
        foldBatchNorm = b.foldBatchNorm;
        uint8Output = b.uint8Output;
        tolerance = b.tolerance;
        converters = b.converters != null ? b.converters : ConverterRegistry.load(OnnxExporter.class.getClassLoader());
    }

    /** @return a builder with the defaults: opset 17, batch norm kept, float32 output, tolerance 1e-4 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the operator set written */
    public int opset() {
        return opset;
    }

    /**
     * The ONNX IR version written for an operator set: the lowest that supports it, so that older
     * runtimes load the file (opset 17 gives IR 8).
     *
     * @param opset the operator set
     * @return the IR version
     */
    public static int irVersionFor(int opset) {
        if (opset <= 14) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        if (opset <= 20) {
            return 9;
        }
        return 10;
    }

    /**
     * Builds the ONNX model without checking it.
     *
     * @param generator the initialized generator with its trained weights
     * @param metadata what the generator is, as a float32 generator; the uint8 option rewrites the
     *     output type and range
     * @param outputScale a factor applied to the generator's output (1 for none), e.g. to turn
     *     model units into data units; image inputs are multiplied by its inverse
     * @return the model
     * @throws ExportException if a block has no converter
     */
    public ModelProto toModel(Block generator, GeneratorMetadata metadata, float outputScale) {
        GeneratorMetadata md = exportedMetadata(metadata);
        OnnxGraph graph = new OnnxGraph(opset, foldBatchNorm, converters);
        graph.registerPaths(generator, "generator");
        List<String> inputs = new ArrayList<>();
        for (GeneratorInput in : md.inputs()) {
            if (in.categorical()) {
                graph.input(in.name(), TensorProto.DataType.INT64, new Shape(-1));
                inputs.add(in.name());
                continue;
            }
            Shape shape = new Shape(-1).addAll(new Shape(in.shape()));
            graph.input(in.name(), TensorProto.DataType.FLOAT, shape);
            String value = in.name();
            if (in.kind() == GeneratorInput.Kind.IMAGE && outputScale != 1f) {
                // The file takes images in the data's units, as it gives them; the network works in its own.
                value = graph.node("Mul", List.of(value, graph.floats(in.name() + "_scale", new Shape(),
                        inputScale(outputScale))), Map.of());
                graph.setShape(value, shape);
            }
            inputs.add(value);
        }
        List<String> outputs = graph.convert(generator, inputs);
        if (outputs.size() != 1) {
            throw new ExportException("the generator has " + outputs.size() + " outputs; gan4j exports generators with one");
        }
        String out = outputs.get(0);
        Shape expected = new Shape(-1).addAll(new Shape(md.sampleShape()));
        if (!graph.shapeOf(out).equals(expected)) {
            throw new ExportException("the generator's output has shape " + graph.shapeOf(out)
                    + ", but the metadata says samples of " + new Shape(md.sampleShape()) + " (batch axis -1)");
        }
        if (outputScale != 1f) {
            out = graph.node("Mul", List.of(out, graph.floats("output_scale", new Shape(), outputScale)), Map.of());
            graph.setShape(out, expected);
        }
        TensorProto.DataType outType = TensorProto.DataType.FLOAT;
        if (uint8Output) {
            // [-1, 1] -> [0, 255]: (x + 1) * 127.5, rounded half to even, clipped, cast.
            String scaled = graph.node("Mul", List.of(out, graph.floats("to_uint8_scale", new Shape(), 127.5f)), Map.of());
            String shifted = graph.node("Add", List.of(scaled, graph.floats("to_uint8_shift", new Shape(), 127.5f)), Map.of());
            String rounded = graph.node("Round", List.of(shifted), Map.of());
            String clipped = graph.node("Clip", List.of(rounded, graph.floats("uint8_min", new Shape(), 0f),
                    graph.floats("uint8_max", new Shape(), 255f)), Map.of());
            out = graph.node("Cast", List.of(clipped), Map.of("to", (long) TensorProto.DataType.UINT8.getNumber()));
            graph.setShape(out, expected);
            outType = TensorProto.DataType.UINT8;
        }
        graph.output(out, GeneratorMetadata.OUTPUT, outType);
        graph.proto().setName("gan4j-generator").setDocString(
                "gan4j generator: " + String.join(" and ", md.inputs().stream().map(GeneratorInput::name).toList())
                        + " to " + GeneratorMetadata.OUTPUT + " " + md.outputLayout() + " " + md.outputType() + " in "
                        + md.outputRange());
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(irVersionFor(opset))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setProducerName("gan4j")
                .setProducerVersion(md.provenance().getOrDefault("gan4j_version", "unknown"))
                .setDomain("org.gan4j")
                .setModelVersion(1)
                .setGraph(graph.proto());
        for (Map.Entry<String, String> e : md.toProperties().entrySet()) {
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return model.build();
    }

    private GeneratorMetadata exportedMetadata(GeneratorMetadata m) {
        if (!uint8Output) {
            return m;
        }
        if (!m.outputLayout().equals("NCHW") || !m.outputRange().equals("[-1, 1]")) {
            throw new ExportException("uint8 output is for images in [-1, 1]; this generator writes "
                    + m.outputLayout() + " in " + m.outputRange() + "; export it as float32");
        }
        return new GeneratorMetadata(m.inputs(), m.classNames(), m.sampleShape(), m.outputLayout(), "uint8", "[0, 255]",
                m.provenance());
    }

    /** The factor that takes image inputs from the data's units to the model's: the output scale's inverse. */
    private static float inputScale(float outputScale) {
        return (float) (1.0 / outputScale);
    }

    /**
     * Exports a trained product (see {@link #export(Block, GeneratorMetadata, float, Path)}), with
     * the metadata {@link ProductMetadata#of} gives and the data's units in and out.
     *
     * @param product the trained product
     * @param out the file to write
     * @return what was written and how closely it matched
     * @throws ExportException if a block has no converter or the check fails (nothing is written)
     */
    public ExportReport export(TrainedProduct product, Path out) {
        return export(product.network(), ProductMetadata.of(product), (float) (1.0 / product.scale()), out);
    }

    /**
     * Exports, checks the model in ONNX Runtime (all graph optimizations on) against DJL's forward
     * pass on the same seeded inputs, and only then writes it, atomically.
     *
     * @param generator the initialized product network with its trained weights
     * @param metadata what it is: its inputs, output and provenance
     * @param outputScale a factor applied to the network's output (1 for none), e.g. 1 / the
     *     dataset's scale to give data units; image inputs are multiplied by its inverse, so that
     *     the file takes the units it gives
     * @param out the file to write
     * @return what was written and how closely it matched
     * @throws ExportException if a block has no converter or the check fails (nothing is written)
     */
    public ExportReport export(Block generator, GeneratorMetadata metadata, float outputScale, Path out) {
        ModelProto model = toModel(generator, metadata, outputScale);
        byte[] bytes = model.toByteArray();
        GeneratorMetadata md = exportedMetadata(metadata);
        double worst = 0;
        int checked = 0;
        // Batches of 1 and 8 check that the batch axis is really dynamic.
        for (int n : new int[] {1, 8}) {
            InputValues values = checkInputs(md, n, new Random(20_250_917L + n), outputScale);
            float[] expected = djlForward(generator, values, outputScale);
            float[] actual = onnxRuntimeForward(bytes, out, values);
            if (expected.length != actual.length) {
                throw new ExportException("export check failed: ONNX Runtime gave " + actual.length
                        + " values, DJL " + expected.length + "; nothing was written to " + out);
            }
            for (int i = 0; i < expected.length; i++) {
                double e = uint8Output ? toUint8(expected[i]) : expected[i];
                double d = Math.abs(actual[i] - e);
                if (!(d <= (uint8Output ? 1.0 : tolerance))) {
                    throw new ExportException(String.format(java.util.Locale.ROOT,
                            "export check failed: ONNX Runtime and DJL differ by %.3g at value %d of a batch of %d"
                                    + " (allowed %.1g); nothing was written to %s; please report this with the run",
                            d, i, n, uint8Output ? 1.0 : tolerance, out));
                }
                worst = Math.max(worst, uint8Output ? 0 : d);
            }
            checked += n;
        }
        try {
            writeAtomically(out, bytes);
        } catch (IOException e) {
            throw new ExportException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return new ExportReport(out, bytes.length, model.getGraph().getNodeCount(), opset, irVersionFor(opset),
                checked, worst, md);
    }

    /**
     * Seeded values of every input for the check: normal noise, uniform codes in [-1, 1], classes
     * cycling, images uniform on the model's [-1, 1] in the data's units. For a generator of z and
     * a label these are the values the check has always drawn.
     */
    private static InputValues checkInputs(GeneratorMetadata md, int n, Random random, float outputScale) {
        List<float[]> floats = new ArrayList<>();
        List<int[]> ints = new ArrayList<>();
        for (GeneratorInput in : md.inputs()) {
            if (in.categorical()) {
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = i % in.classes();
                }
                floats.add(null);
                ints.add(labels);
                continue;
            }
            float[] v = new float[n * in.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (in.kind()) {
                    case NORMAL -> (float) random.nextGaussian();
                    case UNIFORM -> (float) (2 * random.nextDouble() - 1);
                    default -> (float) (2 * random.nextDouble() - 1) * outputScale;
                };
            }
            floats.add(v);
            ints.add(null);
        }
        return new InputValues(md.inputs(), n, floats, ints);
    }

    /**
     * ONNX Runtime's output with every graph optimization on, as floats, through the same checks
     * of the graph against its metadata that {@code gan sample --onnx} makes.
     */
    private static float[] onnxRuntimeForward(byte[] model, Path out, InputValues values) {
        try (OnnxGenerator onnx = OnnxGenerator.fromBytes(model, out)) {
            return onnx.generate(values);
        } catch (org.gan4j.api.GanException e) {
            throw new ExportException("export check failed: " + e.getMessage()
                    + "; nothing was written to " + out + "; please report this with the run", e);
        }
    }

    private static double toUint8(float x) {
        return Math.max(0, Math.min(255, Math.rint((x + 1) * 127.5)));
    }

    /** DJL's inference-mode forward pass of a generator of z (and labels), on a scratch manager. */
    static float[] djlForward(Block generator, float[] z, int n, int latent, int[] labels, float outputScale) {
        List<GeneratorInput> inputs = new ArrayList<>(List.of(GeneratorInput.normal(GeneratorMetadata.INPUT_Z, latent)));
        List<float[]> floats = new ArrayList<>(java.util.Collections.singletonList(z));
        List<int[]> ints = new ArrayList<>(java.util.Collections.singletonList((int[]) null));
        if (labels != null) {
            int classes = java.util.Arrays.stream(labels).max().orElse(0) + 1;
            inputs.add(GeneratorInput.categorical(GeneratorMetadata.INPUT_LABEL, classes));
            floats.add(null);
            ints.add(labels);
        }
        return djlForward(generator, new InputValues(inputs, n, floats, ints), outputScale);
    }

    /**
     * DJL's inference-mode forward pass on a scratch manager, as the file computes it: image inputs
     * taken to the model's units by the same float32 product as the graph's {@code Mul}, the output
     * scaled back.
     */
    static float[] djlForward(Block generator, InputValues values, float outputScale) {
        int n = values.count();
        try (NDManager scratch = NDManager.newBaseManager()) {
            NDList in = new NDList();
            for (int i = 0; i < values.inputs().size(); i++) {
                GeneratorInput input = values.inputs().get(i);
                if (input.categorical()) {
                    in.add(scratch.create(values.ints().get(i)));
                    continue;
                }
                float[] v = values.floats().get(i);
                if (input.kind() == GeneratorInput.Kind.IMAGE && outputScale != 1f) {
                    float s = inputScale(outputScale);
                    v = v.clone();
                    for (int j = 0; j < v.length; j++) {
                        v[j] *= s;
                    }
                }
                in.add(scratch.create(v, new Shape(n).addAll(new Shape(input.shape()))));
            }
            NDArray y = generator.forward(new ParameterStore(scratch, false), in, false).singletonOrThrow();
            y.attach(scratch);
            float[] v = y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            if (outputScale != 1f) {
                for (int i = 0; i < v.length; i++) {
                    v[i] *= outputScale;
                }
            }
            return v;
        }
    }

    private static void writeAtomically(Path out, byte[] bytes) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
            // An ordinary rw-r--r-- file, not the private mode of the temporary file.
            try {
                Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Settings of an {@link OnnxExporter}. */
    public static final class Builder {
        private int opset = DEFAULT_OPSET;
        private boolean foldBatchNorm;
        private boolean uint8Output;
        private double tolerance = DEFAULT_TOLERANCE;
        private ConverterRegistry converters;

        private Builder() {}

        /**
         * The ONNX operator set to write.
         *
         * @param opset from {@value #MIN_OPSET} to {@value #MAX_OPSET}; default {@value #DEFAULT_OPSET}
         * @return this builder
         */
        public Builder optOpset(int opset) {
            if (opset < MIN_OPSET || opset > MAX_OPSET) {
                throw new IllegalArgumentException("opset " + opset + " is not supported; gan4j writes opsets "
                        + MIN_OPSET + " to " + MAX_OPSET + " (default " + DEFAULT_OPSET + ")");
            }
            this.opset = opset;
            return this;
        }

        /**
         * Whether to fold batch norm into the layer before it (fewer nodes, same results within
         * float rounding); default false.
         *
         * @param fold true to fold
         * @return this builder
         */
        public Builder optFoldBatchNorm(boolean fold) {
            this.foldBatchNorm = fold;
            return this;
        }

        /**
         * Whether to append post-processing that turns images in [-1, 1] into uint8 in [0, 255];
         * default false.
         *
         * @param uint8 true for uint8 output
         * @return this builder
         */
        public Builder optUint8Output(boolean uint8) {
            this.uint8Output = uint8;
            return this;
        }

        /**
         * The largest absolute difference between ONNX Runtime and DJL that the check accepts.
         *
         * @param tolerance positive; default 1e-4
         * @return this builder
         */
        public Builder optTolerance(double tolerance) {
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * The converters to use instead of those found on the exporter's class loader.
         *
         * @param converters the converters
         * @return this builder
         */
        public Builder optConverters(ConverterRegistry converters) {
            this.converters = converters;
            return this;
        }

        /** @return the exporter */
        public OnnxExporter build() {
            return new OnnxExporter(this);
        }
    }
}
