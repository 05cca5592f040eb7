package org.gan4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.gan4j.api.GanException;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.GeneratorMetadata;
import org.gan4j.onnx.InputValues;
import org.gan4j.onnx.OnnxGenerator;

/** Samples from an exported product through ONNX Runtime; loads no DJL class. */
final class OnnxSampleSource implements SampleSource {

    private final OnnxGenerator generator;
    private final GeneratorMetadata metadata;

    private OnnxSampleSource(OnnxGenerator generator) {
        this.generator = generator;
        this.metadata = generator.metadata();
    }

    /**
     * Opens an ONNX file.
     *
     * @param file the file given to {@code --onnx}
     * @return the source
     * @throws GanException naming {@code --onnx} and the file if it is not a gan4j generator
     */
    static OnnxSampleSource open(Path file) {
        try {
            return new OnnxSampleSource(OnnxGenerator.open(file));
        } catch (GanException e) {
            String m = e.getMessage();
            throw new GanException(m.startsWith(file.toString()) ? "--onnx " + m : m, e);
        }
    }

    @Override
    public String name() {
        return generator.file().getFileName().toString();
    }

    @Override
    public List<GeneratorInput> inputs() {
        return metadata.inputs();
    }

    @Override
    public long[] sampleShape() {
        return metadata.sampleShape();
    }

    @Override
    public boolean pixels0To255() {
        return metadata.outputType().equals("uint8");
    }

    @Override
    public float[] generate(InputValues values) {
        return generator.generate(values);
    }

    @Override
    public void close() {
        generator.close();
    }
}
