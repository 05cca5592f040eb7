package org.gan4j.cli;

import java.util.List;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.InputValues;

/**
 * A product {@code gan sample} draws from: a run's, rebuilt through DJL ({@link RunSampleSource}),
 * or an exported one, run through ONNX Runtime ({@link OnnxSampleSource}). This interface names no
 * DJL type (its inputs are gan-onnx's descriptions), so that sampling from ONNX files works with no
 * DJL jar on the class path.
 */
interface SampleSource extends AutoCloseable {

    /** @return what the samples came from, for titles, e.g. the run directory's name */
    String name();

    /** @return the product's inputs, in the order it takes them */
    List<GeneratorInput> inputs();

    /** @return the shape of one sample */
    long[] sampleShape();

    /**
     * @return whether the samples are pixel values 0 to 255 (an ONNX file with uint8 output)
     *     rather than data units ([-1, 1] for images)
     */
    boolean pixels0To255();

    /**
     * Runs the product.
     *
     * @param values the values of all its inputs, image inputs in the data's units
     * @return {@code count * sampleSize} values, row-major
     */
    float[] generate(InputValues values);

    /** @return the number of classes of the first categorical input (the label), 0 when there is none */
    default int numClasses() {
        return inputs().stream().filter(GeneratorInput::categorical).findFirst().map(GeneratorInput::classes).orElse(0);
    }

    @Override
    void close();
}
