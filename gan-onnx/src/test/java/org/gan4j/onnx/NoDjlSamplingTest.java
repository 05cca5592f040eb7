package org.gan4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gan4j.api.data.Noise;
import org.gan4j.api.data.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sampling needs no DJL: a program samples an exported file in a child JVM whose class path is
 * exactly this module's classes, gan-api and ONNX Runtime, and prints what it got, which must be
 * what this JVM gets from the same file, bit for bit.
 */
class NoDjlSamplingTest {

    @TempDir Path dir;

    /** The child's class path: this module's classes, and gan-api's and ONNX Runtime's entries of ours. */
    static List<String> childClassPath() {
        Path own = Path.of(System.getProperty("gan-onnx.classes")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(own.resolve("org/gan4j/onnx/OnnxGenerator.class")), "compiled: " + own);
        List<String> entries = new ArrayList<>(List.of(own.toString()));
        String api = null;
        String ort = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            String name = p.getFileName().toString();
            // In the reactor gan-api is its target/classes or its jar; alone, its jar in the local repository.
            boolean isApi = name.startsWith("gan-api-") && name.endsWith(".jar")
                    || p.endsWith(Path.of("gan-api", "target", "classes"));
            if (isApi) {
                api = p.toString();
            } else if (name.startsWith("onnxruntime-") && name.endsWith(".jar")) {
                ort = p.toString();
            }
        }
        assertTrue(api != null, "gan-api on the test class path: " + System.getProperty("java.class.path"));
        assertTrue(ort != null, "ONNX Runtime on the test class path: " + System.getProperty("java.class.path"));
        entries.add(api);
        entries.add(ort);
        return entries;
    }

    @Test
    void aProgramWithOnlyGanOnnxGanApiAndOnnxRuntimeSamplesWhatThisJvmDoes() throws Exception {
        // Noise, a uniform code and a label: every kind the sampler draws.
        TinyOnnxGenerators.Tiny tiny = TinyOnnxGenerators.of(List.of(GeneratorInput.normal("z", 4),
                GeneratorInput.uniform("code", 2), GeneratorInput.categorical("label", 3)), new long[] {1, 2, 2}, 5);
        Path file = tiny.write(dir.resolve("c.onnx"));
        Path program = dir.resolve("SampleWithoutDjl.java");
        try (var in = NoDjlSamplingTest.class.getResourceAsStream("/programs/SampleWithoutDjl.java")) {
            Files.write(program, in.readAllBytes());
        }
        List<String> classPath = childClassPath();
        assertEquals(3, classPath.size());
        for (String entry : classPath) {
            assertTrue(!entry.contains("djl"), "no DJL entry: " + entry);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classPath),
                program.toString(), file.toString(), "6", "4");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        assertEquals(0, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals("no DJL", lines.get(0), output);

        float[] expected;
        try (OnnxGenerator g = OnnxGenerator.open(file, 1)) {
            expected = g.sample(6, 4, -1);
        }
        assertEquals(expected.length + 1, lines.size(), output);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Integer.toHexString(Float.floatToRawIntBits(expected[i])), lines.get(i + 1), "value " + i);
        }
        // And it is the graph's arithmetic on gan sample's draws, not two runs of one mistake: z is
        // the noise gan sample has always drawn, the code input 1's own stream, the labels cycle.
        SplittableRandom codes = Seeds.stream(4, Noise.SAMPLING, 0, 1);
        float[] code = new float[12];
        for (int i = 0; i < code.length; i++) {
            code[i] = (float) (2 * codes.nextDouble() - 1);
        }
        InputValues drawn = new InputValues(tiny.metadata().inputs(), 6,
                Arrays.asList(Noise.normal(4, Noise.SAMPLING, 0, 6, 4), code, null),
                Arrays.asList(null, null, new int[] {0, 1, 2, 0, 1, 2}));
        float[] plain = tiny.expected(drawn);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], expected[i], 1e-5f, "value " + i);
        }
    }
}
