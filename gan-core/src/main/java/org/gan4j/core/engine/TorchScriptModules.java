package org.gan4j.core.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the tiny TorchScript modules gan4j ships in its jars for what DJL's JNI does not expose
 * (autograd.grad, the fused Adam kernel). PyTorch engine only: callers check the engine first,
 * so this class is not loaded elsewhere.
 */
public final class TorchScriptModules {

    private TorchScriptModules() {}

    /**
     * Loads a module from a resource beside a class.
     *
     * @param owner the class whose package holds the resource
     * @param resource the file name, e.g. {@code fused_adam.pt}
     * @return the module, on its own manager that is never closed (the modules are a few KB and
     *     serve the whole process)
     * @throws IllegalStateException if the resource is missing
     * @throws UncheckedIOException if it cannot be read
     */
    public static PtSymbolBlock load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar of " + owner.getName());
            }
            PtNDManager manager = (PtNDManager) NDManager.newBaseManager();
            return JniUtils.loadModule(manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource, e);
        }
    }
}
