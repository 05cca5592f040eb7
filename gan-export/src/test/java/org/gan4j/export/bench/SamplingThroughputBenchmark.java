package org.gan4j.export.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.export.ExportReport;
import org.gan4j.onnx.GeneratorMetadata;
import org.gan4j.export.OnnxExporter;

/**
 * Sampling throughput of DCGAN's 64x64 generator (3 channels, base width 64): DJL's eager forward
 * pass on the PyTorch engine against ONNX Runtime running the exported file (all graph
 * optimizations on, batch norm kept and folded), at batch 1 and 256. Each call includes copying z
 * in and the images out. Not a unit test: {@code bench/onnx-throughput.sh} runs it.
 *
 * <pre>
 * SamplingThroughputBenchmark [repetitions (7)] [warm-up calls (3)]
 * </pre>
 *
 * <p>The forms are timed alternately within each repetition, so that a change in the machine's
 * load hits all of them; the figures are medians.
 */
public final class SamplingThroughputBenchmark {

    private SamplingThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Engine engine = Engine.getInstance();
        engine.setRandomSeed(1);
        ModelSpec spec = new ModelSpec(100, new Shape(3, 64, 64), 0);
        ArchitectureProvider dcgan = PluginRegistry.load(
                ArchitectureProvider.KIND, ArchitectureProvider.class, SamplingThroughputBenchmark.class.getClassLoader())
                .get("dcgan");
        Path dir = Files.createTempDirectory("gan4j-bench");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = dcgan.create(spec, Options.defaults(ArchitectureProvider.KIND, dcgan)).generator();
            g.initialize(manager, DataType.FLOAT32, new Shape(2, 100));
            GeneratorMetadata md = new GeneratorMetadata(100, "normal(0, 1)", 0, List.of(), spec.sampleShape().getShape(),
                    "NCHW", "float32", "[-1, 1]", Map.of());
            ExportReport plain = OnnxExporter.builder().build().export(g, md, 1f, dir.resolve("plain.onnx"));
            ExportReport folded = OnnxExporter.builder().optFoldBatchNorm(true).build().export(g, md, 1f, dir.resolve("folded.onnx"));
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            String threads = System.getenv("OMP_NUM_THREADS");
            System.out.printf("DCGAN-64 generator (3x64x64, base width 64, %.1f MB of ONNX), float32 on the CPU; %s %s"
                            + " (OMP_NUM_THREADS %s) against ONNX Runtime %s (default threads), %d processors;"
                            + " median of %d after %d warm-up calls%n",
                    plain.bytes() / 1e6, engine.getEngineName(), engine.getVersion(), threads == null ? "unset" : threads,
                    env.getVersion(), Runtime.getRuntime().availableProcessors(), repetitions, warmUp);
            System.out.printf("%-6s %14s %14s %14s %10s %10s%n", "batch", "DJL (samples/s)", "ORT (samples/s)",
                    "ORT folded", "ORT/DJL", "folded/DJL");
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                try (OrtSession plainSession = env.createSession(plain.file().toString(), so);
                        OrtSession foldedSession = env.createSession(folded.file().toString(), so)) {
                    for (int batch : new int[] {1, 256}) {
                        float[] z = new float[batch * 100];
                        Random random = new Random(batch);
                        for (int i = 0; i < z.length; i++) {
                            z[i] = (float) random.nextGaussian();
                        }
                        double[] djl = new double[repetitions];
                        double[] ort = new double[repetitions];
                        double[] ortFolded = new double[repetitions];
                        for (int r = -warmUp; r < repetitions; r++) {
                            double a = time(() -> djlForward(g, manager, z, batch));
                            double b = time(() -> ortForward(env, plainSession, z, batch));
                            double c = time(() -> ortForward(env, foldedSession, z, batch));
                            if (r >= 0) {
                                djl[r] = a;
                                ort[r] = b;
                                ortFolded[r] = c;
                            }
                        }
                        double d = batch / median(djl);
                        double o = batch / median(ort);
                        double f = batch / median(ortFolded);
                        System.out.printf("%-6d %14.1f %14.1f %14.1f %9.2fx %9.2fx%n", batch, d, o, f, o / d, f / d);
                    }
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double time(Call call) throws Exception {
        long t = System.nanoTime();
        call.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static float[] djlForward(Block g, NDManager manager, float[] z, int batch) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray y = g.forward(new ParameterStore(scratch, false),
                    new NDList(scratch.create(z, new Shape(batch, 100))), false).singletonOrThrow();
            y.attach(scratch);
            return y.toFloatArray();
        }
    }

    private static float[] ortForward(OrtEnvironment env, OrtSession session, float[] z, int batch) throws Exception {
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {batch, 100});
                OrtSession.Result r = session.run(Map.of("z", in))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }
    }
}
