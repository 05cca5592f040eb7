package org.gan4j.examples.library;

import java.nio.file.Path;
import org.gan4j.onnx.OnnxGenerator;

/**
 * Samples a gan4j ONNX file with ONNX Runtime alone: this program needs gan-onnx, gan-api and
 * ONNX Runtime on its class path, and no DJL.
 */
public final class SampleOnnx {

    private SampleOnnx() {}

    /** @param args the ONNX file, the number of samples and the seed */
    public static void main(String[] args) {
        try (OnnxGenerator generator = OnnxGenerator.open(Path.of(args[0]))) {
            int n = Integer.parseInt(args[1]);
            // The same seed gives the samples `gan sample --onnx` gives: the inputs are drawn as it draws them.
            float[] samples = generator.sample(n, Long.parseLong(args[2]), -1);
            int size = samples.length / n;
            System.out.println(generator.metadata().inputs().size() + " input(s); " + n + " samples of " + size
                    + " values; first sample starts " + samples[0] + " " + samples[1]);
        }
    }
}
