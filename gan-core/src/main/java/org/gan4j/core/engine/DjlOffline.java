package org.gan4j.core.engine;

/**
 * Keeps DJL from reaching the network, without loading any DJL class: front ends call it first
 * thing, including those (like sampling from an ONNX file) that may run with no DJL jar on the
 * class path. {@link DjlEnvironment#offline()} does the same.
 */
public final class DjlOffline {

    private DjlOffline() {}

    /**
     * Sets the system properties that turn off DJL's downloads at run time (everything gan4j needs
     * ships in jars) and its usage tracking. Explicit settings by the user win.
     */
    public static void apply() {
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
