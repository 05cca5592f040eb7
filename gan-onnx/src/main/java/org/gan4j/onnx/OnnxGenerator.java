package org.gan4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import ai.onnxruntime.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.gan4j.api.GanException;
import org.gan4j.api.data.Noise;

/**
 * A product exported to ONNX by gan4j, run through ONNX Runtime alone: no DJL class is loaded, so
 * sampling works with only this module, gan-api and ONNX Runtime on the class path.
 *
 * <p>Opening a file reads its {@link GeneratorMetadata} from the model's metadata_props and checks
 * that the graph is what the metadata promises: every input the metadata lists, by name, float32
 * [N, shape...] or, for a categorical one, int64 [N], and no other input; and an output {@code
 * image} of [N, sampleShape...], float32 or, when the metadata's output type says {@code uint8},
 * uint8. The results come back as floats in either case, so uint8 pixels come back as 0 to 255.
 *
 * <pre>{@code
 * try (OnnxGenerator g = OnnxGenerator.open(Path.of("generator.onnx"))) {
 *     float[] samples = g.sample(16, 7, -1);     // what 'gan sample --onnx FILE --n 16 --seed 7' draws
 * }
 * }</pre>
 */
public final class OnnxGenerator implements AutoCloseable {

    /** Samples run through ONNX Runtime at most this many at a time, to bound memory. */
    static final int MAX_BATCH = 256;

    private final Path file;
    private final GeneratorMetadata metadata;
    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final boolean uint8;

    private OnnxGenerator(
            Path file,
            GeneratorMetadata metadata,
            OrtEnvironment environment,
            OrtSession.SessionOptions options,
            OrtSession session,
            boolean uint8) {
        this.file = file;
        this.metadata = metadata;
        this.environment = environment;
        this.options = options;
        this.session = session;
        this.uint8 = uint8;
    }

    /**
     * Opens an exported generator with ONNX Runtime's default number of threads.
     *
     * @param file the {@code .onnx} file
     * @return the generator
     * @throws GanException with a one-line message naming the file if it cannot be read, is not
     *     an ONNX model, carries no gan4j metadata or has a graph that does not match it
     */
    public static OnnxGenerator open(Path file) {
        return open(file, 0);
    }

    /**
     * Opens an exported generator.
     *
     * @param file the {@code .onnx} file
     * @param threads ONNX Runtime's intra-op threads, or 0 for its default (one per core)
     * @return the generator
     * @throws GanException with a one-line message naming the file if it cannot be read, is not
     *     an ONNX model, carries no gan4j metadata or has a graph that does not match it
     */
    public static OnnxGenerator open(Path file, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (default) or positive, got " + threads);
        }
        if (!Files.isRegularFile(file)) {
            throw new GanException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new GanException("cannot read " + file + ": permission denied");
        }
        try {
            if (Files.size(file) == 0) {
                throw new GanException(file + " is not an ONNX file (it is empty)");
            }
        } catch (java.io.IOException e) {
            throw new GanException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return load(file, threads, (environment, options) -> environment.createSession(file.toString(), options));
    }

    /**
     * Opens a generator held in memory, e.g. an export being checked before it is written.
     *
     * @param model the ONNX model's bytes
     * @param name the file the model is meant for, for messages
     * @return the generator
     * @throws GanException as {@link #open(Path)} does
     */
    public static OnnxGenerator fromBytes(byte[] model, Path name) {
        return load(name, 0, (environment, options) -> environment.createSession(model, options));
    }

    /** How a session is made: from a file or from bytes. */
    private interface SessionSource {
        OrtSession create(OrtEnvironment environment, OrtSession.SessionOptions options) throws OrtException;
    }

    private static OnnxGenerator load(Path file, int threads, SessionSource source) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            try {
                session = source.create(environment, options);
            } catch (OrtException e) {
                if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF) {
                    throw new GanException(file + " is not an ONNX file (ONNX Runtime: " + ortMessage(e, file) + ")", e);
                }
                throw new GanException("ONNX Runtime cannot load " + file + ": " + ortMessage(e, file), e);
            }
            Map<String, String> properties = session.getMetadata().getCustomMetadata();
            if (properties.keySet().stream().noneMatch(k -> k.startsWith("gan4j."))) {
                throw new GanException(file + " is not a gan4j generator: it has no gan4j.* metadata;"
                        + " export one with 'gan export'");
            }
            GeneratorMetadata metadata;
            try {
                metadata = GeneratorMetadata.fromProperties(properties, file.toString());
            } catch (IllegalArgumentException e) {
                throw new GanException(e.getMessage(), e);
            }
            boolean uint8 = checkGraph(file, metadata, session);
            OnnxGenerator generator = new OnnxGenerator(file, metadata, environment, options, session, uint8);
            session = null; // owned by the generator now
            return generator;
        } catch (OrtException e) {
            throw new GanException("cannot open " + file + " with ONNX Runtime: " + ortMessage(e, file), e);
        } finally {
            if (session != null) {
                closeQuietly(session);
                options.close();
            }
        }
    }

    /** Checks the graph's inputs and output against the contract; returns whether the output is uint8. */
    private static boolean checkGraph(Path file, GeneratorMetadata metadata, OrtSession session) throws OrtException {
        String notGan4j = file + " is not a gan4j generator: ";
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        GeneratorInput latent = metadata.input(GeneratorInput.Kind.NORMAL);
        for (GeneratorInput in : metadata.inputs()) {
            TensorInfo t = tensor(inputs, in.name());
            if (t == null) {
                throw new GanException(notGan4j + (in.categorical()
                        ? "its metadata says " + in.classes() + " classes but it has no input '" + in.name() + "'"
                        : "it has no input '" + in.name() + "' (its inputs: " + new TreeSet<>(inputs.keySet()) + ")"));
            }
            long[] shape = t.getShape();
            long[] sample = in.shape();
            boolean ok = t.onnxType == (in.categorical()
                            ? OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64
                            : OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT)
                    && shape.length == sample.length + 1
                    && shape[0] <= 0;
            for (int i = 0; ok && i < sample.length; i++) {
                ok = shape[i + 1] < 0 || shape[i + 1] == sample[i];
            }
            if (!ok) {
                String expected = in.type() + " [N" + (sample.length == 0 ? "" : ", " + join(sample)) + "] with N dynamic";
                throw new GanException(notGan4j + "input '" + in.name() + "' is " + describe(t) + "; expected " + expected
                        + (in == latent
                                ? ", as its metadata says latent size " + in.size()
                                : ", as its metadata says of this " + in.kind().key() + " input"));
            }
        }
        for (String name : new TreeSet<>(inputs.keySet())) {
            if (metadata.input(name) == null) {
                if (name.equals(GeneratorMetadata.INPUT_LABEL) && !metadata.conditional()) {
                    throw new GanException(notGan4j + "it has an input 'label' but its metadata says it is unconditional"
                            + " (gan4j.num_classes 0)");
                }
                throw new GanException(notGan4j + "it has an input '" + name + "' besides "
                        + quoted(metadata.inputs().stream().map(GeneratorInput::name).toList()));
            }
        }
        TensorInfo image = tensor(outputs, GeneratorMetadata.OUTPUT);
        if (image == null) {
            throw new GanException(notGan4j + "it has no output '" + GeneratorMetadata.OUTPUT + "' (its outputs: "
                    + new TreeSet<>(outputs.keySet()) + ")");
        }
        boolean uint8 = metadata.outputType().equals("uint8");
        if (!uint8 && !metadata.outputType().equals("float32")) {
            throw new GanException(file + ": metadata '" + GeneratorMetadata.OUTPUT_TYPE + "' is not valid: '"
                    + metadata.outputType() + "' (float32 or uint8)");
        }
        OnnxTensorType expectedType = uint8
                ? OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8
                : OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT;
        long[] sample = metadata.sampleShape();
        long[] shape = image.getShape();
        boolean shapeOk = shape.length == sample.length + 1;
        for (int i = 0; shapeOk && i < sample.length; i++) {
            shapeOk = shape[i + 1] < 0 || shape[i + 1] == sample[i];
        }
        if (image.onnxType != expectedType || !shapeOk) {
            throw new GanException(notGan4j + "output 'image' is " + describe(image) + "; its metadata says "
                    + metadata.outputType() + " [N, " + join(sample) + "]");
        }
        return uint8;
    }

    /** 'z', 'z' and 'label', 'z', 'code' and 'label'. */
    private static String quoted(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : i == names.size() - 1 ? " and " : ", ").append('\'').append(names.get(i)).append('\'');
        }
        return sb.toString();
    }

    private static TensorInfo tensor(Map<String, NodeInfo> nodes, String name) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            return null;
        }
        ValueInfo info = node.getInfo();
        return info instanceof TensorInfo t ? t : null;
    }

    /** E.g. {@code float32 [N, 8]}; symbolic or unknown dimensions are written N. */
    private static String describe(TensorInfo t) {
        String type = t.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(java.util.Locale.ROOT);
        type = type.equals("float") ? "float32" : type.equals("double") ? "float64" : type;
        StringBuilder sb = new StringBuilder(type).append(" [");
        long[] shape = t.getShape();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "N" : Long.toString(shape[i]));
        }
        return sb.append(']').toString();
    }

    private static String join(long[] dims) {
        StringBuilder sb = new StringBuilder();
        for (long d : dims) {
            sb.append(sb.length() == 0 ? "" : ", ").append(d);
        }
        return sb.toString();
    }

    /** @return the file this generator was read from */
    public Path file() {
        return file;
    }

    /** @return what the file says about the generator */
    public GeneratorMetadata metadata() {
        return metadata;
    }

    /** @return the product's inputs, in the order it takes them (as the metadata lists them) */
    public List<GeneratorInput> inputs() {
        return metadata.inputs();
    }

    /**
     * The values {@code gan sample} feeds the product for a seed: every input drawn as {@link
     * InputValues#draw} does with {@link Noise#SAMPLING}, which is what a run's product is fed for
     * the same seed, and images as given.
     *
     * @param count how many samples
     * @param seed the seed
     * @param label the class of every sample, or -1 to cycle through the classes
     * @param images the values of every image input by name, {@code count * size} each, in the data's units
     * @return the values
     * @throws org.gan4j.api.ConfigException if count, the label or the images do not fit the product
     */
    public InputValues draw(int count, long seed, int label, Map<String, float[]> images) {
        return InputValues.draw(metadata.inputs(), count, seed, Noise.SAMPLING, label, images);
    }

    /**
     * Draws samples for a seed, as {@code gan sample --onnx FILE --n count --seed seed} does, for
     * products that take no image.
     *
     * @param count how many samples
     * @param seed the seed
     * @param label the class of every sample, or -1 to cycle through the classes
     * @return {@code count * sampleSize} values, row-major, as {@link #generate(InputValues)} gives them
     * @throws org.gan4j.api.ConfigException if count or the label do not fit, or the product takes an image
     */
    public float[] sample(int count, long seed, int label) {
        return generate(draw(count, seed, label, Map.of()));
    }

    /**
     * Runs a generator of z and, when conditional, a label.
     *
     * @param z {@code n * latentSize} latent values, row-major
     * @param n the number of samples, at least 1
     * @param labels for conditional generators, {@code n} labels in 0 to numClasses - 1; null for
     *     unconditional ones
     * @return {@code n * sampleSize} values, row-major: the samples in data units for float32
     *     outputs, pixel values 0 to 255 for uint8 ones
     * @throws IllegalArgumentException if z, n or the labels do not fit the generator, or it takes
     *     other inputs (give them all to {@link #generate(InputValues)})
     * @throws GanException if ONNX Runtime fails
     */
    public float[] generate(float[] z, int n, int[] labels) {
        int latent = metadata.latentSize();
        if (n < 1) {
            throw new IllegalArgumentException("the number of samples must be positive, got " + n);
        }
        GeneratorInput zInput = metadata.input(GeneratorInput.Kind.NORMAL);
        GeneratorInput labelInput = metadata.input(GeneratorInput.Kind.CATEGORICAL);
        List<String> others = metadata.inputs().stream()
                .filter(i -> i != zInput && i != labelInput).map(GeneratorInput::name).toList();
        if (zInput == null || !others.isEmpty()) {
            throw new IllegalArgumentException(file + " takes the inputs " + quoted(metadata.inputs().stream()
                    .map(GeneratorInput::name).toList()) + ", not just a latent vector and a label; give them all to"
                    + " generate(InputValues)");
        }
        if ((long) n * latent != z.length) {
            throw new IllegalArgumentException("z has " + z.length + " values; " + n + " samples of latent size "
                    + latent + " need " + (long) n * latent);
        }
        if (metadata.conditional()) {
            if (labels == null) {
                throw new IllegalArgumentException(file + " is conditional (" + metadata.numClasses()
                        + " classes): give a label for every sample");
            }
            if (labels.length != n) {
                throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= metadata.numClasses()) {
                    throw new IllegalArgumentException("label " + labels[i] + " (sample " + i
                            + ") is out of range; this generator has classes 0 to " + (metadata.numClasses() - 1));
                }
            }
        } else if (labels != null) {
            throw new IllegalArgumentException(file + " is unconditional: it takes no labels");
        }
        List<float[]> floats = new ArrayList<>();
        List<int[]> ints = new ArrayList<>();
        for (GeneratorInput in : metadata.inputs()) {
            floats.add(in == zInput ? z : null);
            ints.add(in == labelInput ? labels : null);
        }
        return generate(new InputValues(metadata.inputs(), n, floats, ints));
    }

    /**
     * Runs the product on values of all its inputs.
     *
     * @param values the values, for this product's inputs (image inputs in the data's units)
     * @return {@code count * sampleSize} values, row-major: the samples in data units for float32
     *     outputs, pixel values 0 to 255 for uint8 ones
     * @throws IllegalArgumentException if the values are for other inputs, or too many samples
     *     for one Java array
     * @throws GanException if ONNX Runtime fails
     */
    public float[] generate(InputValues values) {
        if (!values.inputs().equals(metadata.inputs())) {
            throw new IllegalArgumentException("the values are for the inputs " + values.inputs() + "; " + file
                    + " takes " + metadata.inputs());
        }
        int n = values.count();
        long size = metadata.sampleSize();
        if ((long) n * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " samples of " + size + " values do not fit in one Java array");
        }
        float[] out = new float[(int) (n * size)];
        for (int start = 0; start < n; start += MAX_BATCH) {
            int count = Math.min(MAX_BATCH, n - start);
            run(values, start, count, out, (int) (start * size), (int) (count * size));
        }
        return out;
    }

    private void run(InputValues values, int start, int count, float[] out, int offset, int length) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            List<GeneratorInput> specs = metadata.inputs();
            for (int i = 0; i < specs.size(); i++) {
                GeneratorInput in = specs.get(i);
                if (in.categorical()) {
                    int[] labels = values.ints().get(i);
                    long[] l = new long[count];
                    for (int j = 0; j < count; j++) {
                        l[j] = labels[start + j];
                    }
                    inputs.put(in.name(), OnnxTensor.createTensor(environment, LongBuffer.wrap(l), new long[] {count}));
                } else {
                    int size = in.size();
                    long[] shape = new long[in.shape().length + 1];
                    shape[0] = count;
                    System.arraycopy(in.shape(), 0, shape, 1, shape.length - 1);
                    inputs.put(in.name(), OnnxTensor.createTensor(environment,
                            FloatBuffer.wrap(values.floats().get(i), start * size, count * size).slice(), shape));
                }
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue value = result.get(GeneratorMetadata.OUTPUT)
                        .orElseThrow(() -> new GanException(file + ": ONNX Runtime returned no output 'image'"));
                if (!(value instanceof OnnxTensor tensor)) {
                    throw new GanException(file + ": output 'image' is not a tensor");
                }
                long[] shape = tensor.getInfo().getShape();
                long[] expected = new long[metadata.sampleShape().length + 1];
                expected[0] = count;
                System.arraycopy(metadata.sampleShape(), 0, expected, 1, expected.length - 1);
                if (!Arrays.equals(shape, expected)) {
                    throw new GanException(file + ": output 'image' has shape " + Arrays.toString(shape)
                            + " for " + count + " samples; its metadata says " + Arrays.toString(expected));
                }
                if (uint8) {
                    ByteBuffer bytes = tensor.getByteBuffer();
                    for (int i = 0; i < length; i++) {
                        out[offset + i] = bytes.get(i) & 0xff;
                    }
                } else {
                    FloatBuffer floats = tensor.getFloatBuffer();
                    floats.get(out, offset, length);
                }
            }
        } catch (OrtException e) {
            throw new GanException("ONNX Runtime failed to run " + file + ": " + ortMessage(e, file), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
        options.close();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing to do: the session is gone either way.
        }
    }

    /**
     * ONNX Runtime's message without its decoration: "Error code - ORT_X - message: Load model
     * from FILE failed:Protobuf parsing failed." becomes "Protobuf parsing failed", and the source
     * location and C++ signature before a message are dropped.
     */
    private static String ortMessage(OrtException e, Path file) {
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        m = m.replaceFirst("^Error code - [A-Z_]+ - message: ", "");
        String load = "Load model from " + file + " failed:";
        if (m.startsWith(load)) {
            m = m.substring(load.length()).strip();
        }
        // Where in ONNX Runtime's source it failed: "/onnxruntime_src/...cc:166 ns::Function(args) ".
        m = m.replaceFirst("^/onnxruntime_src/\\S+:\\d+ [^(]*\\(.*?\\) ", "");
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        return m.isEmpty() ? e.getCode().name() : m;
    }

    @Override
    public String toString() {
        return "OnnxGenerator[" + file + ", " + metadata + "]";
    }
}
