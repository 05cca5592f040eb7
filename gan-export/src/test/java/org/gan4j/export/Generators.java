package org.gan4j.export;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.onnx.GeneratorMetadata;

/** Test generators: built-in architectures, initialized, with batch-norm statistics that are not trivial. */
final class Generators {

    static final PluginRegistry<ArchitectureProvider> MODELS =
            PluginRegistry.load(ArchitectureProvider.KIND, ArchitectureProvider.class, Generators.class.getClassLoader());

    private Generators() {}

    /**
     * Builds and initializes a generator, then runs a few training-mode batches through it so that
     * batch norm's running statistics move away from (0, 1), and perturbs batch norm's scale and
     * shift, so that an export that ignored any of them would be caught.
     */
    static Block build(NDManager manager, String model, ModelSpec spec, Map<String, String> options, long seed) {
        ArchitectureProvider arch = MODELS.get(model);
        Block g = arch.create(spec, Options.resolve(ArchitectureProvider.KIND, arch, options)).generator();
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        Shape z = new Shape(4, spec.latentSize());
        if (spec.conditional()) {
            g.initialize(manager, DataType.FLOAT32, z, new Shape(4));
        } else {
            g.initialize(manager, DataType.FLOAT32, z);
        }
        for (var p : g.getParameters()) {
            Parameter param = p.getValue();
            if (param.getType() == Parameter.Type.GAMMA || param.getType() == Parameter.Type.BETA) {
                var a = param.getArray();
                a.addi(manager.randomUniform(-0.3f, 0.3f, a.getShape()));
            }
        }
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < 3; i++) {
                NDList in = new NDList(scratch.randomNormal(0, 1.5f, new Shape(16, spec.latentSize()), DataType.FLOAT32)
                        .add(0.3f));
                if (spec.conditional()) {
                    int[] labels = new int[16];
                    for (int j = 0; j < 16; j++) {
                        labels[j] = (j * 7 + i) % spec.numClasses();
                    }
                    in.add(scratch.create(labels));
                }
                g.forward(new ParameterStore(scratch, false), in, true);
            }
        }
        return g;
    }

    /** Metadata for a spec, as a run would give it. */
    static GeneratorMetadata metadata(ModelSpec spec, String model) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < spec.numClasses(); i++) {
            names.add("class " + i);
        }
        boolean image = spec.sampleShape().dimension() == 3;
        return new GeneratorMetadata(
                spec.latentSize(), "normal(0, 1)", spec.numClasses(), names, spec.sampleShape().getShape(),
                image ? "NCHW" : "ND", "float32", image ? "[-1, 1]" : "(-inf, inf)",
                Map.of("model", model, "gan4j_version", "test", "step", "123", "config", "{\"model\": \"" + model + "\"}"));
    }
}
