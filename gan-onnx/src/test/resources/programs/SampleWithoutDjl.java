import java.nio.file.Path;
import org.gan4j.onnx.OnnxGenerator;

/**
 * Samples a gan4j ONNX file, as an application with no DJL would: run by NoDjlSamplingTest with
 * Java's source launcher on a class path of gan-onnx, gan-api and ONNX Runtime alone. Prints
 * "no DJL" if DJL's API is indeed missing, then the float bits in hex, one a line, of the samples
 * {@code gan sample --onnx FILE --n N --seed SEED} draws.
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
            for (float v : g.sample(n, seed, -1)) {
                System.out.println(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
        }
    }
}
