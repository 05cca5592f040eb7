package org.gan4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an exported generator says about itself, stored in the ONNX model's {@code metadata_props}
 * under the keys below, so that a file can be sampled from without its run directory.
 *
 * <p>The graph it describes has the input {@code z}, float32 [N, latentSize], drawn from
 * {@link #latentDistribution}; for conditional generators also {@code label}, int64 [N], each in
 * 0 to numClasses - 1; and the output {@code image}, [N, sampleShape...], float32 in {@link
 * #outputRange} (or uint8 in [0, 255] when {@link #outputType} is {@code uint8}).
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
public record GeneratorMetadata(
        int latentSize,
        String latentDistribution,
        int numClasses,
        List<String> classNames,
        long[] sampleShape,
        String outputLayout,
        String outputType,
        String outputRange,
        Map<String, String> provenance) {

    /** Key of {@link #latentSize}. */
    public static final String LATENT_SIZE = "gan4j.latent_size";
    /** Key of {@link #latentDistribution}. */
    public static final String LATENT_DISTRIBUTION = "gan4j.latent_distribution";
    /** Key of {@link #numClasses}. */
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

    /** The name of the latent input. */
    public static final String INPUT_Z = "z";
    /** The name of the label input of conditional generators. */
    public static final String INPUT_LABEL = "label";
    /** The name of the output. */
    public static final String OUTPUT = "image";

    /** Validates and copies. */
    public GeneratorMetadata {
        if (latentSize < 1) {
            throw new IllegalArgumentException("latentSize must be positive, got " + latentSize);
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be 0 or more, got " + numClasses);
        }
        classNames = List.copyOf(classNames);
        if (numClasses > 0 && classNames.size() != numClasses) {
            throw new IllegalArgumentException(
                    classNames.size() + " class names for " + numClasses + " classes");
        }
        if (sampleShape.length == 0) {
            throw new IllegalArgumentException("sampleShape is empty");
        }
        sampleShape = sampleShape.clone();
        provenance = Map.copyOf(provenance);
    }

    /** @return whether the graph has a {@code label} input */
    public boolean conditional() {
        return numClasses > 0;
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
        p.put(LATENT_SIZE, Integer.toString(latentSize));
        p.put(LATENT_DISTRIBUTION, latentDistribution);
        p.put(NUM_CLASSES, Integer.toString(numClasses));
        p.put(CLASS_NAMES, String.join("\n", classNames));
        StringBuilder shape = new StringBuilder();
        for (long d : sampleShape) {
            shape.append(shape.length() == 0 ? "" : ",").append(d);
        }
        p.put(SAMPLE_SHAPE, shape.toString());
        p.put(OUTPUT_LAYOUT, outputLayout);
        p.put(OUTPUT_TYPE, outputType);
        p.put(OUTPUT_RANGE, outputRange);
        provenance.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> p.put(PROVENANCE_PREFIX + e.getKey(), e.getValue()));
        return p;
    }

    /**
     * Reads metadata back from a model's metadata_props.
     *
     * @param properties the model's metadata_props
     * @param source what they were read from, for error messages
     * @return the metadata
     * @throws IllegalArgumentException naming the source and the key if a key is missing or bad
     */
    public static GeneratorMetadata fromProperties(Map<String, String> properties, String source) {
        int latent = intOf(properties, LATENT_SIZE, source);
        int classes = intOf(properties, NUM_CLASSES, source);
        String names = required(properties, CLASS_NAMES, source);
        List<String> classNames = names.isEmpty() ? List.of() : Arrays.asList(names.split("\n", -1));
        String[] dims = required(properties, SAMPLE_SHAPE, source).split(",");
        long[] shape = new long[dims.length];
        try {
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Long.parseLong(dims[i].trim());
            }
        } catch (NumberFormatException e) {
            throw bad(source, SAMPLE_SHAPE, properties.get(SAMPLE_SHAPE));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().startsWith(PROVENANCE_PREFIX)) {
                provenance.put(e.getKey().substring(PROVENANCE_PREFIX.length()), e.getValue());
            }
        }
        try {
            return new GeneratorMetadata(
                    latent,
                    required(properties, LATENT_DISTRIBUTION, source),
                    classes,
                    new ArrayList<>(classNames),
                    shape,
                    required(properties, OUTPUT_LAYOUT, source),
                    required(properties, OUTPUT_TYPE, source),
                    required(properties, OUTPUT_RANGE, source),
                    provenance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": inconsistent gan4j metadata: " + e.getMessage(), e);
        }
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
                && latentSize == m.latentSize
                && numClasses == m.numClasses
                && latentDistribution.equals(m.latentDistribution)
                && classNames.equals(m.classNames)
                && Arrays.equals(sampleShape, m.sampleShape)
                && outputLayout.equals(m.outputLayout)
                && outputType.equals(m.outputType)
                && outputRange.equals(m.outputRange)
                && provenance.equals(m.provenance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sampleShape) + java.util.Objects.hash(latentSize, numClasses, classNames, provenance);
    }

    @Override
    public String toString() {
        return "GeneratorMetadata" + toProperties();
    }
}
