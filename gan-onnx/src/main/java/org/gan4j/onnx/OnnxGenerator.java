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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.gan4j.api.GanException;

/**
 * A generator exported to ONNX by gan4j, run through ONNX Runtime alone: no DJL class is
 * loaded, so sampling works with only this module, gan-api and ONNX Runtime on the class path.
 *
 * <p>Opening a file reads its {@link GeneratorMetadata} from the model's metadata_props and checks
 * that the graph is what the metadata promises: an input {@code z} of float32 [N, latentSize], an
 * input {@code label} of int64 [N] exactly when the generator is conditional, and an output {@code
 * image} of [N, sampleShape...], float32 or, when the metadata's output type says {@code uint8},
 * uint8. {@link #generate} returns the output's values as floats in either case, so uint8 pixels
 * come back as 0 to 255.
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
        int latent = metadata.latentSize();
        TensorInfo z = tensor(inputs, GeneratorMetadata.INPUT_Z);
        if (z == null) {
            throw new GanException(notGan4j + "it has no input '" + GeneratorMetadata.INPUT_Z + "' (its inputs: "
                    + new TreeSet<>(inputs.keySet()) + ")");
        }
        long[] zShape = z.getShape();
        if (z.onnxType != OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT
                || zShape.length != 2
                || zShape[0] > 0
                || (zShape[1] >= 0 && zShape[1] != latent)) {
            throw new GanException(notGan4j + "input 'z' is " + describe(z) + "; expected float32 [N, " + latent
                    + "] with N dynamic, as its metadata says latent size " + latent);
        }
        TensorInfo label = tensor(inputs, GeneratorMetadata.INPUT_LABEL);
        if (metadata.conditional()) {
            if (label == null) {
                throw new GanException(notGan4j + "its metadata says " + metadata.numClasses()
                        + " classes but it has no input '" + GeneratorMetadata.INPUT_LABEL + "'");
            }
            long[] shape = label.getShape();
            if (label.onnxType != OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64
                    || shape.length != 1
                    || shape[0] > 0) {
                throw new GanException(notGan4j + "input 'label' is " + describe(label)
                        + "; expected int64 [N] with N dynamic");
            }
        } else if (inputs.containsKey(GeneratorMetadata.INPUT_LABEL)) {
            throw new GanException(notGan4j + "it has an input 'label' but its metadata says it is unconditional"
                    + " (gan4j.num_classes 0)");
        }
        for (String name : new TreeSet<>(inputs.keySet())) {
            if (!name.equals(GeneratorMetadata.INPUT_Z) && !name.equals(GeneratorMetadata.INPUT_LABEL)) {
                throw new GanException(notGan4j + "it has an input '" + name + "' besides "
                        + (metadata.conditional() ? "'z' and 'label'" : "'z'"));
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

    /**
     * Runs the generator.
     *
     * @param z {@code n * latentSize} latent values, row-major
     * @param n the number of samples, at least 1
     * @param labels for conditional generators, {@code n} labels in 0 to numClasses - 1; null for
     *     unconditional ones
     * @return {@code n * sampleSize} values, row-major: the samples in data units for float32
     *     outputs, pixel values 0 to 255 for uint8 ones
     * @throws IllegalArgumentException if z, n or the labels do not fit the generator
     * @throws GanException if ONNX Runtime fails
     */
    public float[] generate(float[] z, int n, int[] labels) {
        int latent = metadata.latentSize();
        if (n < 1) {
            throw new IllegalArgumentException("the number of samples must be positive, got " + n);
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
        long size = metadata.sampleSize();
        if ((long) n * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " samples of " + size + " values do not fit in one Java array");
        }
        float[] out = new float[(int) (n * size)];
        for (int start = 0; start < n; start += MAX_BATCH) {
            int count = Math.min(MAX_BATCH, n - start);
            run(z, labels, start, count, out, (int) (start * size), (int) (count * size));
        }
        return out;
    }

    private void run(float[] z, int[] labels, int start, int count, float[] out, int offset, int length) {
        int latent = metadata.latentSize();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(GeneratorMetadata.INPUT_Z, OnnxTensor.createTensor(environment,
                    FloatBuffer.wrap(z, start * latent, count * latent).slice(), new long[] {count, latent}));
            if (labels != null) {
                long[] l = new long[count];
                for (int i = 0; i < count; i++) {
                    l[i] = labels[start + i];
                }
                inputs.put(GeneratorMetadata.INPUT_LABEL,
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(l), new long[] {count}));
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
