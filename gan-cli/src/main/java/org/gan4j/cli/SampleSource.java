package org.gan4j.cli;

/**
 * A generator {@code gan sample} draws from: a run's, rebuilt through DJL ({@link RunSampleSource}),
 * or an exported one, run through ONNX Runtime ({@link OnnxSampleSource}). This interface names no
 * DJL type, so that sampling from ONNX files works with no DJL jar on the class path.
 */
interface SampleSource extends AutoCloseable {

    /** @return what the samples came from, for titles, e.g. the run directory's name */
    String name();

    /** @return the length of a latent vector */
    int latentSize();

    /** @return the number of classes, 0 for unconditional generators */
    int numClasses();

    /** @return the shape of one sample */
    long[] sampleShape();

    /**
     * @return whether the samples are pixel values 0 to 255 (an ONNX file with uint8 output)
     *     rather than data units ([-1, 1] for images)
     */
    boolean pixels0To255();

    /**
     * Runs the generator.
     *
     * @param z {@code count * latentSize} values, row-major
     * @param count how many samples
     * @param labels one label a sample for conditional generators, null otherwise
     * @return {@code count * sampleSize} values, row-major
     */
    float[] generate(float[] z, int count, int[] labels);

    @Override
    void close();
}
