package org.gan4j.examples.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.onnx.OnnxGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library programs, run as a user would run them, with what they print checked. */
class LibraryProgramsTest {

    /** Runs a program's main and returns what it printed. */
    private static String run(ThrowingMain main) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return text;
    }

    private interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void aBuiltInGanTrainedFromJavaGivesItsModelBackAndExportsIt(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("dcgan.onnx");
        String out = run(() -> TrainAGan.main(new String[] {onnx.toString()}));
        assertTrue(out.contains("16 samples of 784 values"), out);
        // The file holds the trained generator: ONNX Runtime draws the in-memory model's samples.
        try (OnnxGenerator g = OnnxGenerator.open(onnx)) {
            assertEquals(16, g.metadata().latentSize());
            assertArrayEquals(new long[] {1, 28, 28}, g.metadata().sampleShape());
            assertEquals("dcgan", g.metadata().provenance().get("model"));
            assertEquals("100", g.metadata().provenance().get("training_steps"));
        }
        assertEquals(0, dir.toFile().list().length - 1, "nothing but the ONNX file was written: no run directory");
    }

    @Test
    void ownDjlGeneratorWithDjlActivationsExportsToOnnx(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("mine.onnx");
        String out = run(() -> ExportMyGenerator.main(new String[] {onnx.toString()}));
        assertTrue(out.startsWith("wrote " + onnx + ": "), out);
        try (OnnxGenerator g = OnnxGenerator.open(onnx)) {
            float[] x = g.sample(5, 1, -1);
            assertEquals(10, x.length);
            for (float v : x) {
                assertTrue(v >= -1 && v <= 1, "tanh output " + v);
            }
        }
    }

    /**
     * The sampling program in a JVM of its own whose class path is exactly its class, gan-onnx,
     * gan-api and ONNX Runtime: no DJL. It prints what this JVM's OnnxGenerator gives.
     */
    @Test
    void anOnnxFileSamplesWithOnnxRuntimeAloneAndNoDjl(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("mine.onnx");
        run(() -> ExportMyGenerator.main(new String[] {onnx.toString()}));
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of(SampleOnnx.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            boolean module = name.matches("gan-(onnx|api)-[0-9].*\\.jar")
                    || p.endsWith(Path.of("gan-onnx", "target", "classes")) || p.endsWith(Path.of("gan-api", "target", "classes"));
            if (module || name.matches("onnxruntime-[0-9].*\\.jar")) {
                classPath.add(entry);
            }
        }
        assertEquals(4, classPath.size(), classPath.toString());
        assertTrue(classPath.stream().noneMatch(e -> e.contains("djl")), classPath.toString());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, classPath), SampleOnnx.class.getName(), onnx.toString(), "3", "42")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        try (OnnxGenerator g = OnnxGenerator.open(onnx)) {
            float[] x = g.sample(3, 42, -1);
            assertEquals("1 input(s); 3 samples of 2 values; first sample starts " + x[0] + " " + x[1], out.strip());
        }
    }

    @Test
    void aGan4jLossAndPenaltyTrainADjlLoopOfOnesOwn() throws Exception {
        String out = run(() -> LossInMyLoop.main(new String[0]));
        Matcher m = Pattern.compile("generated mean \\((-?[0-9.]+), (-?[0-9.]+)\\)").matcher(out);
        assertTrue(m.find(), out);
        // The generator starts near the origin; trained by the loop it moves its samples to the data's mean.
        assertEquals(3, Double.parseDouble(m.group(1)), 0.75, out);
        assertEquals(3, Double.parseDouble(m.group(2)), 0.75, out);
    }
}
