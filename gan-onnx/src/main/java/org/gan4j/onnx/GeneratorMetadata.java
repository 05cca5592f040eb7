package org.gan4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an exported product says about itself, stored in the ONNX model's {@code metadata_props}
 * under the keys below, so that a file can be sampled from without its run directory.
 *
 * <p>The graph it describes takes the product's {@link #inputs}, in order, each by its name: a
 * float input (normal, uniform, image) as float32 [N, shape...], a categorical one as int64 [N],
 * each value in 0 to classes - 1. Its output {@code image} is [N, sampleShape...], float32 in
 * {@link #outputRange} (or uint8 in [0, 255] when {@link #outputType} is {@code uint8}). Values are
 * in the data's units, image inputs included. A generator of today's GANs takes {@code z} and,
 * when conditional, {@code label}.
 *
 * <p>The keys of files written before products could take any inputs ({@link #LATENT_SIZE},
 * {@link #LATENT_DISTRIBUTION}, {@link #NUM_CLASSES}) are still written, describing the first
 * normal input and the first categorical one, so that readers of those files read these too; a
 * file without {@link #INPUTS} is read as one of those: {@code z} [latent size] and, with classes,
 * {@code label}.
 *
 * @param inputs the graph's inputs, in the order the product takes them
 * @param classNames the names of the first categorical input's classes, in label order; empty if
 *     there is none or the names are unknown (a categorical code rather than the data's classes)
 * @param sampleShape the shape of one output sample, e.g. [1, 28, 28] or [2]
 * @param outputLayout {@code NCHW} for images, {@code ND} for vectors
 * @param outputType {@code float32} or {@code uint8}
 * @param outputRange the range of the output values, e.g. {@code [-1, 1]}
 * @param provenance where the product came from: the run's config, versions, the steps
 */
public record GeneratorMetadata(
        List<GeneratorInput> inputs,
        List<String> classNames,
        long[] sampleShape,
        String outputLayout,
        String outputType,
        String outputRange,
        Map<String, String> provenance) {

    /** Key of {@link #latentSize}: the length of the first normal input, 0 when there is none. */
    public static final String LATENT_SIZE = "gan4j.latent_size";
    /** Key of {@link #latentDistribution}: the first normal input's distribution, {@code none} when there is none. */
    public static final String LATENT_DISTRIBUTION = "gan4j.latent_distribution";
    /** Key of {@link #numClasses}: the first categorical input's classes, 0 when there is none. */
    public static final String NUM_CLASSES = "gan4j.num_classes";
    /** Key of {@link #classNames}: the names joined by newlines. */
    public static final String CLASS_NAMES = "gan4j.class_names";
    /** Key of {@link #sampleShape}: comma-separated, e.g. {@code 1,28,28}. */
    public static final String SAMPLE_SHAPE = "gan4j.sample_shape";
    /** Key of {@link #outputLayout}. */
    public static final String OUTPUT_LAYOUT = "gan4j.output_layout";
    /** Key of {@link #outputType}. */
    public static final String OUTPUT_TYPE = "gan4j.output_type";
    /** Key of {@link #outputRange}. */
    public static final String OUTPUT_RANGE = "gan4j.output_range";
    /** Prefix of the provenance keys, e.g. {@code gan4j.provenance.config}. */
    public static final String PROVENANCE_PREFIX = "gan4j.provenance.";
    /** Key of the inputs' names, comma-separated in the order the product takes them, e.g. {@code z,label}. */
    public static final String INPUTS = "gan4j.inputs";
    /**
     * Prefix of an input's own keys, {@code gan4j.input.<name>.<key>}: {@value #INPUT_KIND}, {@value
     * #INPUT_TYPE}, {@value #INPUT_SHAPE}, {@value #INPUT_CLASSES} (categorical inputs),
     * {@value #INPUT_DISTRIBUTION} (normal and uniform inputs).
     */
    public static final String INPUT_PREFIX = "gan4j.input.";
    /** An input's kind: {@code normal}, {@code uniform}, {@code categorical} or {@code image}. */
    public static final String INPUT_KIND = "kind";
    /** An input's element type in the graph: {@code float32}, or {@code int64} for categorical inputs. */
    public static final String INPUT_TYPE = "type";
    /** One sample's shape of an input, comma-separated; empty for a class index. */
    public static final String INPUT_SHAPE = "shape";
    /** A categorical input's number of classes. */
    public static final String INPUT_CLASSES = "classes";
    /** What a normal or uniform input is drawn from, e.g. {@code normal(0, 1)}. */
    public static final String INPUT_DISTRIBUTION = "distribution";

    /** The name of the latent input of generators. */
    public static final String INPUT_Z = "z";
    /** The name of the label input of conditional generators. */
    public static final String INPUT_LABEL = "label";
    /** The name of the output. */
    public static final String OUTPUT = "image";

    /** Validates and copies. */
    public GeneratorMetadata {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a product takes at least one input");
        }
        Set<String> names = new HashSet<>();
        for (GeneratorInput in : inputs) {
            if (!names.add(in.name())) {
                throw new IllegalArgumentException("two inputs are named '" + in.name() + "'");
            }
            if (in.name().equals(OUTPUT)) {
                throw new IllegalArgumentException("an input is named '" + OUTPUT + "', the name of the output");
            }
        }
        classNames = List.copyOf(classNames);
        int classes = firstOf(inputs, GeneratorInput.Kind.CATEGORICAL) == null
                ? 0
                : firstOf(inputs, GeneratorInput.Kind.CATEGORICAL).classes();
        if (classes > 0 && !classNames.isEmpty() && classNames.size() != classes) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + classes + " classes");
        }
        if (sampleShape.length == 0) {
            throw new IllegalArgumentException("sampleShape is empty");
        }
        sampleShape = sampleShape.clone();
        Objects.requireNonNull(outputLayout, "outputLayout");
        Objects.requireNonNull(outputType, "outputType");
        Objects.requireNonNull(outputRange, "outputRange");
        provenance = Map.copyOf(provenance);
    }

    /**
     * The metadata of a generator of z and, when conditional, a label: the form of every file
     * written before products could take other inputs.
     *
     * @param latentSize the length of z
     * @param latentDistribution how z is drawn, e.g. {@code normal(0, 1)}
     * @param numClasses the number of classes, 0 for unconditional generators
     * @param classNames the classes' names, in label order (empty if unconditional)
     * @param sampleShape the shape of one output sample, e.g. [1, 28, 28] or [2]
     * @param outputLayout {@code NCHW} for images, {@code ND} for vectors
     * @param outputType {@code float32} or {@code uint8}
     * @param outputRange the range of the output values, e.g. {@code [-1, 1]}
     * @param provenance where the generator came from: the run's config, versions, the step
     */
    public GeneratorMetadata(
            int latentSize,
            String latentDistribution,
            int numClasses,
            List<String> classNames,
            long[] sampleShape,
            String outputLayout,
            String outputType,
            String outputRange,
            Map<String, String> provenance) {
        this(zAndLabel(latentSize, latentDistribution, numClasses, classNames), classNames, sampleShape,
                outputLayout, outputType, outputRange, provenance);
    }

    private static List<GeneratorInput> zAndLabel(
            int latentSize, String latentDistribution, int numClasses, List<String> classNames) {
        if (latentSize < 1) {
            throw new IllegalArgumentException("latentSize must be positive, got " + latentSize);
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be 0 or more, got " + numClasses);
        }
        if (numClasses > 0 && classNames.size() != numClasses) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
        }
        List<GeneratorInput> inputs = new ArrayList<>();
        inputs.add(new GeneratorInput(INPUT_Z, GeneratorInput.Kind.NORMAL, new long[] {latentSize}, 0,
                latentDistribution));
        if (numClasses > 0) {
            inputs.add(GeneratorInput.categorical(INPUT_LABEL, numClasses));
        }
        return inputs;
    }

    private static GeneratorInput firstOf(List<GeneratorInput> inputs, GeneratorInput.Kind kind) {
        return inputs.stream().filter(i -> i.kind() == kind).findFirst().orElse(null);
    }

    /**
     * The first input of a kind.
     *
     * @param kind the kind
     * @return the input, or null if there is none
     */
    public GeneratorInput input(GeneratorInput.Kind kind) {
        return firstOf(inputs, kind);
    }

    /**
     * An input by name.
     *
     * @param name the input's name
     * @return the input, or null if there is none of that name
     */
    public GeneratorInput input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }

    /** @return the length of the first normal input (the latent vector), 0 when there is none */
    public int latentSize() {
        GeneratorInput z = input(GeneratorInput.Kind.NORMAL);
        return z == null ? 0 : z.size();
    }

    /** @return the first normal input's distribution, {@code none} when there is none */
    public String latentDistribution() {
        GeneratorInput z = input(GeneratorInput.Kind.NORMAL);
        return z == null ? "none" : z.distribution();
    }

    /** @return the number of classes of the first categorical input, 0 when there is none */
    public int numClasses() {
        GeneratorInput label = input(GeneratorInput.Kind.CATEGORICAL);
        return label == null ? 0 : label.classes();
    }

    /** @return whether the product takes a categorical input (a label) */
    public boolean conditional() {
        return numClasses() > 0;
    }

    /**
     * @return whether the inputs are those of every file written before products could take
     *     others: {@code z}, normal, and, when conditional, {@code label}
     */
    public boolean zAndLabel() {
        List<GeneratorInput> expected = new ArrayList<>();
        GeneratorInput z = input(GeneratorInput.Kind.NORMAL);
        if (z == null || !z.name().equals(INPUT_Z) || z.shape().length != 1) {
            return false;
        }
        expected.add(z);
        if (conditional()) {
            expected.add(GeneratorInput.categorical(INPUT_LABEL, numClasses()));
        }
        return inputs.equals(expected);
    }

    /** @return the number of values in one sample */
    public long sampleSize() {
        long n = 1;
        for (long d : sampleShape) {
            n *= d;
        }
        return n;
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** @return the key-value pairs to store as the model's metadata_props, in a stable order */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(LATENT_SIZE, Integer.toString(latentSize()));
        p.put(LATENT_DISTRIBUTION, latentDistribution());
        p.put(NUM_CLASSES, Integer.toString(numClasses()));
        p.put(CLASS_NAMES, String.join("\n", classNames));
        p.put(SAMPLE_SHAPE, join(sampleShape));
        p.put(OUTPUT_LAYOUT, outputLayout);
        p.put(OUTPUT_TYPE, outputType);
        p.put(OUTPUT_RANGE, outputRange);
        p.put(INPUTS, String.join(",", inputs.stream().map(GeneratorInput::name).toList()));
        for (GeneratorInput in : inputs) {
            String prefix = INPUT_PREFIX + in.name() + ".";
            p.put(prefix + INPUT_KIND, in.kind().key());
            p.put(prefix + INPUT_TYPE, in.type());
            p.put(prefix + INPUT_SHAPE, in.shapeKey());
            if (in.categorical()) {
                p.put(prefix + INPUT_CLASSES, Integer.toString(in.classes()));
            }
            if (!in.distribution().isEmpty()) {
                p.put(prefix + INPUT_DISTRIBUTION, in.distribution());
            }
        }
        provenance.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> p.put(PROVENANCE_PREFIX + e.getKey(), e.getValue()));
        return p;
    }

    private static String join(long[] dims) {
        StringBuilder shape = new StringBuilder();
        for (long d : dims) {
            shape.append(shape.length() == 0 ? "" : ",").append(d);
        }
        return shape.toString();
    }

    /**
     * Reads metadata back from a model's metadata_props: the inputs from {@link #INPUTS} and their
     * keys, or, in files written before those keys, {@code z} and {@code label} from the latent size
     * and the classes.
     *
     * @param properties the model's metadata_props
     * @param source what they were read from, for error messages
     * @return the metadata
     * @throws IllegalArgumentException naming the source and the key if a key is missing or bad
     */
    public static GeneratorMetadata fromProperties(Map<String, String> properties, String source) {
        String names = required(properties, CLASS_NAMES, source);
        List<String> classNames = names.isEmpty() ? List.of() : Arrays.asList(names.split("\n", -1));
        long[] shape = dims(properties, SAMPLE_SHAPE, source, false);
        Map<String, String> provenance = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().startsWith(PROVENANCE_PREFIX)) {
                provenance.put(e.getKey().substring(PROVENANCE_PREFIX.length()), e.getValue());
            }
        }
        String layout = required(properties, OUTPUT_LAYOUT, source);
        String type = required(properties, OUTPUT_TYPE, source);
        String range = required(properties, OUTPUT_RANGE, source);
        try {
            if (!properties.containsKey(INPUTS)) {
                return new GeneratorMetadata(
                        intOf(properties, LATENT_SIZE, source),
                        required(properties, LATENT_DISTRIBUTION, source),
                        intOf(properties, NUM_CLASSES, source),
                        new ArrayList<>(classNames),
                        shape, layout, type, range, provenance);
            }
            GeneratorMetadata m = new GeneratorMetadata(inputsOf(properties, source), new ArrayList<>(classNames),
                    shape, layout, type, range, provenance);
            // The summary keys, when there, must tell what the inputs do.
            agree(properties, LATENT_SIZE, Integer.toString(m.latentSize()), source);
            agree(properties, LATENT_DISTRIBUTION, m.latentDistribution(), source);
            agree(properties, NUM_CLASSES, Integer.toString(m.numClasses()), source);
            return m;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": inconsistent gan4j metadata: " + e.getMessage(), e);
        }
    }

    private static List<GeneratorInput> inputsOf(Map<String, String> p, String source) {
        List<GeneratorInput> inputs = new ArrayList<>();
        for (String name : required(p, INPUTS, source).split(",", -1)) {
            String prefix = INPUT_PREFIX + name.trim() + ".";
            String kindKey = required(p, prefix + INPUT_KIND, source);
            GeneratorInput.Kind kind = GeneratorInput.Kind.ofKey(kindKey);
            if (kind == null) {
                throw new IllegalArgumentException(source + ": metadata '" + prefix + INPUT_KIND + "' is not valid: '"
                        + kindKey + "' (normal, uniform, categorical or image)");
            }
            String type = required(p, prefix + INPUT_TYPE, source);
            String expected = kind == GeneratorInput.Kind.CATEGORICAL ? "int64" : "float32";
            if (!type.equals(expected)) {
                throw new IllegalArgumentException(source + ": metadata '" + prefix + INPUT_TYPE + "' is not valid: '"
                        + type + "' (a " + kindKey + " input is " + expected + ")");
            }
            long[] shape = dims(p, prefix + INPUT_SHAPE, source, true);
            int classes = kind == GeneratorInput.Kind.CATEGORICAL ? intOf(p, prefix + INPUT_CLASSES, source) : 0;
            boolean drawn = kind == GeneratorInput.Kind.NORMAL || kind == GeneratorInput.Kind.UNIFORM;
            String distribution = drawn ? required(p, prefix + INPUT_DISTRIBUTION, source) : "";
            inputs.add(new GeneratorInput(name.trim(), kind, shape, classes, distribution));
        }
        return inputs;
    }

    private static void agree(Map<String, String> p, String key, String value, String source) {
        String v = p.get(key);
        if (v != null && !v.trim().equals(value)) {
            throw new IllegalArgumentException(source + ": inconsistent gan4j metadata: '" + key + "' is '" + v
                    + "' but its inputs ('" + INPUTS + "') say '" + value + "'");
        }
    }

    private static long[] dims(Map<String, String> p, String key, String source, boolean mayBeEmpty) {
        String v = required(p, key, source).trim();
        if (v.isEmpty() && mayBeEmpty) {
            return new long[0];
        }
        String[] parts = v.split(",");
        long[] shape = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                shape[i] = Long.parseLong(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw bad(source, key, p.get(key));
        }
        return shape;
    }

    private static String required(Map<String, String> p, String key, String source) {
        String v = p.get(key);
        if (v == null) {
            throw new IllegalArgumentException(
                    source + " has no metadata '" + key + "'; it was not exported by gan4j's 'gan export'");
        }
        return v;
    }

    private static int intOf(Map<String, String> p, String key, String source) {
        String v = required(p, key, source);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(source, key, v);
        }
    }

    private static IllegalArgumentException bad(String source, String key, String value) {
        return new IllegalArgumentException(source + ": metadata '" + key + "' is not valid: '" + value + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratorMetadata m
                && inputs.equals(m.inputs)
                && classNames.equals(m.classNames)
                && Arrays.equals(sampleShape, m.sampleShape)
                && outputLayout.equals(m.outputLayout)
                && outputType.equals(m.outputType)
                && outputRange.equals(m.outputRange)
                && provenance.equals(m.provenance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sampleShape) + Objects.hash(inputs, classNames, outputLayout, outputType,
                outputRange, provenance);
    }

    @Override
    public String toString() {
        return "GeneratorMetadata" + toProperties();
    }
}
