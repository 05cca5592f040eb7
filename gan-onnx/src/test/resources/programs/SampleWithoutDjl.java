import java.nio.file.Path;
import org.gan4j.api.data.Noise;
import org.gan4j.onnx.OnnxGenerator;

/**
 * Samples a gan4j ONNX file, as an application with no DJL would: run by NoDjlSamplingTest with
 * Java's source launcher on a class path of gan-onnx, gan-api and ONNX Runtime alone. Prints
 * "no DJL" if DJL's API is indeed missing, then every value's float bits in hex, one a line.
 *
 * <p>Arguments: FILE N SEED.
 */
public class SampleWithoutDjl {
    public static void main(String[] args) {
        try {
            Class.forName("ai.djl.ndarray.types.Shape");
            System.out.println("DJL is on the class path");
        } catch (ClassNotFoundException e) {
            System.out.println("no DJL");
        }
        int n = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        try (OnnxGenerator g = OnnxGenerator.open(Path.of(args[0]), 1)) {
            int classes = g.metadata().numClasses();
            int[] labels = null;
            if (classes > 0) {
                labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = i % classes;
                }
            }
            float[] z = Noise.normal(seed, Noise.SAMPLING, 0, n, g.metadata().latentSize());
            for (float v : g.generate(z, n, labels)) {
                System.out.println(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
        }
    }
}
