package org.gan4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.onnx.GeneratorMetadata;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tribuo-style round trips: every built-in architecture is exported, run in ONNX Runtime with all
 * graph optimizations on, and compared with DJL's forward pass on the same z and labels (drawn
 * here, apart from the exporter's own check); the metadata is read back from the file.
 */
class OnnxRoundTripTest {

    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    @TempDir Path dir;

    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of("mlp", new ModelSpec(3, new Shape(2), 0), Map.of()),
                Arguments.of("mlp", new ModelSpec(16, new Shape(1, 6, 6), 0), Map.of("g-hidden", "32,32")),
                Arguments.of("dcgan", new ModelSpec(100, new Shape(1, 28, 28), 0), Map.of("width", "0.25", "init-std", "0.2")),
                Arguments.of("dcgan", new ModelSpec(100, new Shape(3, 32, 32), 0), Map.of("width", "0.25", "init-std", "0.2")),
                Arguments.of("dcgan", new ModelSpec(100, new Shape(3, 64, 64), 0), Map.of("width", "0.125", "init-std", "0.2")),
                Arguments.of("cgan", new ModelSpec(100, new Shape(1, 28, 28), 10), Map.of()),
                Arguments.of("cdcgan", new ModelSpec(100, new Shape(1, 28, 28), 10), Map.of("width", "0.25", "init-std", "0.2")),
                Arguments.of("cdcgan", new ModelSpec(64, new Shape(3, 32, 32), 6), Map.of("width", "0.25", "init-std", "0.2")));
    }

    @ParameterizedTest(name = "{0} {1} fold={3}")
    @MethodSource("withFolding")
    void onnxRuntimeMatchesDjl(String model, ModelSpec spec, Map<String, String> options, boolean fold)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = Generators.build(m, model, spec, options, 7);
            GeneratorMetadata md = Generators.metadata(spec, model);
            Path file = dir.resolve(model + ".onnx");
            ExportReport report = OnnxExporter.builder().optFoldBatchNorm(fold).build().export(g, md, 1f, file);
            assertTrue(Files.size(file) == report.bytes() && report.bytes() > 0);
            assertTrue(report.maxAbsDifference() <= 1e-4, "exporter's own check: " + report.maxAbsDifference());

            int n = 5;
            Random random = new Random(99);
            float[] z = new float[n * spec.latentSize()];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (random.nextGaussian() * 1.3);
            }
            int[] labels = null;
            if (spec.conditional()) {
                labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = random.nextInt(spec.numClasses());
                }
            }
            float[] expected = OnnxExporter.djlForward(g, z, n, spec.latentSize(), labels, 1f);
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                try (OrtSession session = ORT.createSession(file.toString(), so)) {
                    float[] actual = run(session, z, n, spec.latentSize(), labels);
                    assertEquals(expected.length, actual.length);
                    double worst = 0;
                    for (int i = 0; i < expected.length; i++) {
                        worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                    }
                    double spread = 0;
                    for (int i = 1; i < expected.length; i++) {
                        spread = Math.max(spread, Math.abs(expected[i] - expected[0]));
                    }
                    assertTrue(spread > 0.5, "output barely varies: " + spread);
                    System.out.printf("%s %s fold=%s: %d nodes, max |ONNX Runtime - DJL| = %.2e, output spread %.2f%n",
                            model, spec.sampleShape(), fold, report.nodes(), worst, spread);
                    assertTrue(worst <= 1e-4, model + ": max abs difference " + worst);
                    // The output is not trivially constant: the check would otherwise prove little.


                    GeneratorMetadata back = GeneratorMetadata.fromProperties(
                            session.getMetadata().getCustomMetadata(), file.toString());
                    assertEquals(md, back);
                    assertEquals("gan4j", session.getMetadata().getProducerName());
                    assertEquals(spec.conditional() ? 2 : 1, session.getInputNames().size());
                }
            }
        }
    }

    static Stream<Arguments> withFolding() {
        return generators().flatMap(a -> Stream.of(
                Arguments.of(a.get()[0], a.get()[1], a.get()[2], false),
                Arguments.of(a.get()[0], a.get()[1], a.get()[2], true)));
    }

    static float[] run(OrtSession session, float[] z, int n, int latent, int[] labels) throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("z", OnnxTensor.createTensor(ORT, FloatBuffer.wrap(z), new long[] {n, latent}));
            if (labels != null) {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = labels[i];
                }
                in.put("label", OnnxTensor.createTensor(ORT, LongBuffer.wrap(l), new long[] {n}));
            }
            try (OrtSession.Result r = session.run(in)) {
                FloatBuffer b = ((OnnxTensor) r.get("image").orElseThrow()).getFloatBuffer();
                float[] out = new float[b.remaining()];
                b.get(out);
                return out;
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }
}
