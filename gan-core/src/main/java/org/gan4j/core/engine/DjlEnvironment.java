package org.gan4j.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Map;
import java.util.OptionalInt;
import org.gan4j.api.GanException;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;

/** Sets DJL up the way gan4j needs it: offline, untracked, on the configured device. */
public final class DjlEnvironment {

    private DjlEnvironment() {}

    /**
     * Keeps DJL from reaching the network: no downloads at run time (everything gan4j needs
     * ships in jars) and no usage tracking. Explicit settings by the user win.
     */
    public static void offline() {
        DjlOffline.apply();
    }

    /** The system property DJL's PyTorch engine reads its intra-op thread count from. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /**
     * Sets how many threads the engine's operators use, before the engine starts (later calls
     * change nothing in a running engine).
     *
     * @param threads the intra-op thread count, at least 1
     * @throws IllegalArgumentException if threads is below 1
     */
    public static void threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the thread count must be at least 1, got " + threads);
        }
        System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
    }

    /**
     * The thread count gan4j gives the engine when the user sets none: the processors this JVM
     * may use, which, unlike libtorch's own default (every core of the machine), follows a
     * container's CPU limit and the process's CPU affinity.
     *
     * @param environment the process's environment, for {@code OMP_NUM_THREADS}
     * @return the count, or empty when the user already chose one ({@code OMP_NUM_THREADS} or the
     *     system property)
     */
    public static OptionalInt defaultThreads(Map<String, String> environment) {
        String omp = environment.get("OMP_NUM_THREADS");
        if (System.getProperty(THREADS_PROPERTY) != null || (omp != null && !omp.isBlank())) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The engine and its thread count, for logs: e.g. "PyTorch 2.7.1, 2 thread(s)".
     *
     * @return the description
     */
    public static String describe() {
        Engine engine = engine();
        String property = System.getProperty(THREADS_PROPERTY);
        String omp = System.getenv("OMP_NUM_THREADS");
        String threads = property != null
                ? property + " thread(s)"
                : omp != null && !omp.isBlank() ? omp + " thread(s) (OMP_NUM_THREADS)" : "the engine's default threads";
        return engine.getEngineName() + " " + engine.getVersion() + ", " + threads;
    }

    /**
     * The default engine, loaded offline.
     *
     * @return the engine
     * @throws GanException if no engine is on the class path
     */
    public static Engine engine() {
        offline();
        try {
            return Engine.getInstance();
        } catch (RuntimeException e) {
            throw new GanException(
                    "cannot start DJL's engine: " + e.getMessage()
                            + "; put ai.djl.pytorch:pytorch-engine and its native jars on the class path",
                    e);
        }
    }

    /**
     * Parses a device name.
     *
     * @param name cpu, gpu or gpu:N
     * @return the device
     */
    public static Device device(String name) {
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        int id = name.startsWith("gpu:") ? Integer.parseInt(name.substring(4)) : 0;
        Engine engine = engine();
        if (id >= engine.getGpuCount()) {
            throw new GanException("device " + name + " is not available: the engine sees " + engine.getGpuCount()
                    + " GPU(s)", new Remedy("use {0} or install a CUDA build of libtorch",
                            java.util.List.of(java.util.List.of(SettingChange.to("device", "cpu")))));
        }
        return Device.gpu(id);
    }
}
