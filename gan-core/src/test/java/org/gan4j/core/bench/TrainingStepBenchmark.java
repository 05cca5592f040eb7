package org.gan4j.core.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import one.profiler.AsyncProfiler;
import one.profiler.AsyncProfilerLoader;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.data.DataSpec;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.StepResult;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.game.GameNetworks;
import org.gan4j.core.game.GameOptimizers;
import org.gan4j.core.game.RuntimeGameSetup;
import org.gan4j.core.game.StepRunner;
import org.gan4j.core.metrics.ProcessMemory;
import org.gan4j.core.plugin.PluginCatalog;

/**
 * Time of one full training step (one discriminator update, then one generator update;
 * non-saturating loss; Adam 2e-4, beta1 0.5) made the way {@code gan train} makes it: the {@code
 * adversarial} game's step run by the game runtime ({@link StepRunner}: a scope per step and per
 * update, real batches copied from the host, noise drawn from the run's streams, both losses read
 * back to the host). Not a test: bench/training-step.sh runs it,
 * one case per JVM so that the peak RSS belongs to that case.
 *
 * <pre>
 *   TrainingStepBenchmark --case mlp|dcgan28|dcgan64 [--warmup W] [--reps R] [--steps N]
 *                         [--op-profile FILE.json] [--cpu-profile FILE.collapsed] [--memory-every K]
 * </pre>
 *
 * <p>Prints one line per repetition and a final line {@code RESULT case=... ms_per_step=...
 * rss_kb=... gflop_per_step=...}: the median over the repetitions of (repetition time / N), the
 * process's VmHWM from /proc/self/status after the last step, and the step's convolution and
 * dense-layer FLOPs ({@link StepFlops}).
 *
 * <p>Profiles cover the measured repetitions only (not start-up or warm-up): {@code --op-profile}
 * records libtorch's own profiler (every operator with its input shapes, as a Chrome trace);
 * {@code --cpu-profile} samples every thread's stack, Java and native, with async-profiler every
 * millisecond of CPU time (collapsed stacks, one line per distinct stack with its sample count).
 * bench/profile-step.sh reads both.
 *
 * <p>{@code --memory-every K} prints the resident set and the Java heap every K measured steps
 * (bench/step-memory.sh: is native memory flat over thousands of steps?).
 */
public final class TrainingStepBenchmark {

    /** One benchmark case: the model, its sample shape, latent size and batch size. */
    record Case(String name, String model, Shape sampleShape, int latentSize, int batchSize) {}

    static final List<Case> CASES =
            List.of(
                    // The toy: default mlp options (pack 4), default latent size 8, 2-D data.
                    new Case("mlp", "mlp", new Shape(2), 8, 256),
                    // DCGAN's recipe latent size is 100.
                    new Case("dcgan28", "dcgan", new Shape(1, 28, 28), 100, 64),
                    new Case("dcgan64", "dcgan", new Shape(3, 64, 64), 100, 64));

    private TrainingStepBenchmark() {}

    /**
     * Runs one case.
     *
     * @param args see the class comment
     * @throws IOException if /proc/self/status cannot be read
     */
    public static void main(String[] args) throws IOException {
        String caseName = "mlp";
        int warmup = -1;
        int reps = 5;
        int steps = -1;
        Profiles profiles = new Profiles(null, null);
        long memoryEvery = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--case" -> caseName = args[++i];
                case "--op-profile" -> profiles = new Profiles(Path.of(args[++i]), profiles.cpu());
                case "--cpu-profile" -> profiles = new Profiles(profiles.ops(), Path.of(args[++i]));
                case "--memory-every" -> memoryEvery = Long.parseLong(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String wanted = caseName;
        Case c = CASES.stream()
                .filter(x -> x.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown case " + wanted + "; one of mlp, dcgan28, dcgan64"));
        // Defaults sized for a 2-core CPU, the same as bench/reference/training_step.py's.
        if (steps < 0) {
            steps = c.name().equals("mlp") ? 50 : c.name().equals("dcgan28") ? 3 : 1;
        }
        if (warmup < 0) {
            warmup = c.name().equals("mlp") ? 20 : c.name().equals("dcgan28") ? 3 : 2;
        }
        run(c, warmup, reps, steps, profiles, memoryEvery);
    }

    /** Where to write the profiles of the measured steps; null for none. */
    record Profiles(Path ops, Path cpu) {}

    private static void run(Case c, int warmup, int reps, int steps, Profiles profiles, long memoryEvery)
            throws IOException {
        Engine engine = Engine.getInstance();
        engine.setRandomSeed(1);
        PluginCatalog plugins = PluginCatalog.load(TrainingStepBenchmark.class.getClassLoader());
        // The adversarial game as `gan train` runs it: its step through the game runtime.
        TrainConfig config = RunSettings.resolve(TrainConfig.builder()
                .model(PluginChoice.of(c.model()))
                .loss(PluginChoice.of("non-saturating"))
                .latentSize(c.latentSize())
                .batchSize(c.batchSize())
                .generatorOptimizer(AdamConfig.of(2e-4, 0.5))
                .discriminatorOptimizer(AdamConfig.of(2e-4, 0.5))
                .steps(Long.MAX_VALUE / 2)
                .seed(1)
                .build(), plugins).config();
        Game game = RuntimeGameSetup.createGame(config, new DataSpec(c.sampleShape(), 0, List.of()), plugins);
        try (NDManager manager = NDManager.newBaseManager()) {
            GameNetworks nets = new GameNetworks(game.networks(), manager);
            GameOptimizers optimizers = new GameOptimizers(game.optimizers(), nets);
            StepRunner runner = new StepRunner(game, nets, optimizers, c.sampleShape(), 1, Long.MAX_VALUE / 2);

            // A few host batches, cycled: data in [-1, 1] as the image datasets scale it. The game
            // draws its noise from the run's streams, as in training.
            int n = c.batchSize();
            Shape xShape = new Shape(n).addAll(c.sampleShape());
            SplittableRandom random = new SplittableRandom(1);
            int pool = 4;
            List<SampleBatch> real = new java.util.ArrayList<>();
            for (int b = 0; b < pool; b++) {
                float[] r = new float[(int) xShape.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (float) (2 * random.nextDouble() - 1);
                }
                real.add(new SampleBatch(n, r, null));
            }
            Iterator<SampleBatch> batches = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public SampleBatch next() {
                    return real.get(next++ % pool);
                }
            };

            long[] counter = {0};
            Runnable oneStep = () -> {
                long s = ++counter[0];
                StepResult result = runner.run(game, s, batches, false);
                double dLoss = result.updates().get("d").loss();
                double gLoss = result.updates().get("g").loss();
                if (!Double.isFinite(dLoss) || !Double.isFinite(gLoss)) {
                    throw new IllegalStateException("diverged at step " + s);
                }
            };

            String threads = System.getenv("OMP_NUM_THREADS");
            System.out.printf(Locale.ROOT,
                    "gan4j %s: model %s, sample %s, latent %d, batch %d; %d warm-up steps, %d x %d steps;"
                            + " OMP_NUM_THREADS %s, engine %s %s%n",
                    c.name(), c.model(), c.sampleShape(), c.latentSize(), n, warmup, reps, steps,
                    threads == null ? "unset" : threads, engine.getEngineName(), engine.getVersion());
            for (int i = 0; i < warmup; i++) {
                oneStep.run();
            }
            double flops = StepFlops.of(nets.block("generator"), nets.block("discriminator")).perStep();
            AsyncProfiler cpuProfiler = null;
            if (profiles.cpu() != null) {
                cpuProfiler = AsyncProfilerLoader.load();
                // Every thread, Java frames with native ones below them (DWARF unwinding: libtorch
                // has no frame pointers), one sample per millisecond of CPU time.
                cpuProfiler.execute("start,event=cpu,interval=1ms,cstack=dwarf");
            }
            if (profiles.ops() != null) {
                JniUtils.startProfile(false, true, false);
            }
            double[] msPerStep = new double[reps];
            long measured = 0;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    oneStep.run();
                    if (memoryEvery > 0 && ++measured % memoryEvery == 0) {
                        Runtime jvm = Runtime.getRuntime();
                        System.out.printf(Locale.ROOT, "MEMORY step=%d rss_kb=%d heap_used_mb=%d%n", measured, vmRssKb(),
                                (jvm.totalMemory() - jvm.freeMemory()) >> 20);
                    }
                }
                msPerStep[r] = (System.nanoTime() - t0) / 1e6 / steps;
                System.out.printf(Locale.ROOT, "  repetition %d: %.3f ms/step%n", r + 1, msPerStep[r]);
            }
            if (profiles.ops() != null) {
                JniUtils.stopProfile(profiles.ops().toAbsolutePath().toString());
            }
            if (cpuProfiler != null) {
                // Java frames annotated (_[j] compiled, _[i] inlined, _[0] interpreted), native
                // frames with their library's name, for bench/profile/cpu.py to sort them by.
                cpuProfiler.execute("stop,file=" + profiles.cpu().toAbsolutePath() + ",collapsed,ann,lib");
            }
            double median = median(msPerStep);
            long rss = vmHwmKb();
            Runtime jvm = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "  memory now: %s; Java heap committed %d MB, used %d MB%n",
                    memoryNow(), jvm.totalMemory() >> 20, (jvm.totalMemory() - jvm.freeMemory()) >> 20);
            System.out.printf(Locale.ROOT, "  %.2f GFLOP a step in convolutions and dense layers: %.1f GFLOP/s%n",
                    flops / 1e9, flops / 1e6 / median);
            System.out.printf(Locale.ROOT, "RESULT case=%s ms_per_step=%.3f rss_kb=%d gflop_per_step=%.4f%n",
                    c.name(), median, rss, flops / 1e9);
            optimizers.close();
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** The resident-set lines of /proc/self/status (total, anonymous, file-backed), or "" without /proc. */
    static String memoryNow() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "";
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("VmRSS:") || l.startsWith("RssAnon:") || l.startsWith("RssFile:"))
                .map(l -> l.replaceAll("\\s+", " "))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    /** The process's resident set now (VmRSS) in kB, or -1 where the platform does not tell. */
    static long vmRssKb() {
        long bytes = ProcessMemory.residentBytes();
        return bytes < 0 ? -1 : bytes / 1024;
    }

    /** The process's peak resident set (VmHWM) in kB, or -1 where the platform does not tell. */
    static long vmHwmKb() {
        long bytes = ProcessMemory.peakResidentBytes();
        return bytes < 0 ? -1 : bytes / 1024;
    }
}
