package org.gan4j.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.gan4j.api.GanException;

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
            throw new GanException(
                    "device " + name + " is not available: the engine sees " + engine.getGpuCount()
                            + " GPU(s); use --device cpu or install a CUDA build of libtorch");
        }
        return Device.gpu(id);
    }
}
