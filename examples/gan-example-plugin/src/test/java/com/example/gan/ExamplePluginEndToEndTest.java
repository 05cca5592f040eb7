package com.example.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.example.gan.ChildGan.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.gan4j.core.io.NpyArray;
import org.gan4j.core.io.NpyFiles;
import org.gan4j.onnx.GeneratorMetadata;
import org.gan4j.onnx.OnnxGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin as a user meets it: built into a jar, dropped into a plugin folder, and used
 * by the {@code gan} command to train, export and sample. The command runs in child JVMs whose
 * class path is this test's without this module's classes ({@link ChildGan}), so the plugin
 * reaches gan4j only through the folder, as it would from a third party.
 */
class ExamplePluginEndToEndTest {

    private static final String JAR = ChildGan.JAR;
    private static final String BROKEN = "broken-services.jar";
    private static final String BROKEN_WARNING = "gan: warning: plugin jar " + BROKEN + " skipped: cannot load its"
            + " loss plugins (META-INF/services/org.gan4j.api.loss.AdversarialLossProvider): Provider"
            + " com.example.gan.MissingLoss not found";

    @TempDir static Path tmp;
    static ChildGan child;
    /** The plugin jar alone. */
    static Path plugins;
    /** The plugin jar and a jar whose services entry names a class it does not have. */
    static Path mixed;

    @BeforeAll
    static void buildThePluginJarAndTheFolders() throws IOException {
        child = new ChildGan(tmp);
        plugins = child.pluginFolder("plugins");
        mixed = child.pluginFolder("mixed");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(mixed.resolve(BROKEN)),
                ChildGan.manifest())) {
            out.putNextEntry(new JarEntry("META-INF/services/org.gan4j.api.loss.AdversarialLossProvider"));
            out.write("com.example.gan.MissingLoss\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    static Result gan(Map<String, String> env, String... args) throws Exception {
        return child.run(env, args);
    }

    static Result gan(String... args) throws Exception {
        return child.run(args);
    }

    private static boolean hasRow(Result r, String kind, String name, String origin) {
        return r.out().lines().anyMatch(l -> l.matches("  " + kind + " +" + name + " +" + origin.replace(".", "\\.")
                + "  .*"));
    }

    @Test
    void pluginsListsTheExamplesPluginsByTheirJar() throws Exception {
        Result r = gan("--plugins", plugins.toString(), "plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(hasRow(r, "model", "snake-mlp", JAR), r.out());
        assertTrue(hasRow(r, "loss", "f-gan", JAR), r.out());
        assertTrue(hasRow(r, "dataset", "spiral", JAR), r.out());
        assertTrue(hasRow(r, "converter", "snake", JAR), r.out());
        assertTrue(hasRow(r, "game", "aux-head", JAR), r.out());
        assertTrue(hasRow(r, "converter", "one-hot-concat", JAR), r.out());
        assertTrue(hasRow(r, "game", "adversarial", "built-in"), r.out());
        assertTrue(hasRow(r, "model", "mlp", "built-in"), r.out());
        assertTrue(r.out().endsWith("plugin folder " + plugins + ": 1 jar loaded (" + JAR + ")\n"), r.out());
        assertFalse(r.err().contains("warning"), r.err());

        // The same through the environment variable.
        Result env = gan(Map.of("GAN4J_PLUGINS", plugins.toString()), "plugins");
        assertEquals(r.out(), env.out());
    }

    @Test
    void withoutTheFolderTheExampleIsUnknown() throws Exception {
        Result r = gan("train", "--model", "snake-mlp", "--out", tmp.resolve("never").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("gan train: unknown model 'snake-mlp'; available: cdcgan, cgan, dcgan, mlp"), r.errLines());
    }

    @Test
    void trainsExportsAndSamplesBesideABrokenJar() throws Exception {
        Path run = tmp.resolve("run");
        Result train = gan("--plugins", mixed.toString(), "train", "--model", "snake-mlp", "--loss", "f-gan",
                "--dataset", "spiral", "--steps", "60", "--batch-size", "64", "--dataset-opt", "samples=1280",
                "--model-opt", "hidden=16", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
        assertEquals(List.of(BROKEN_WARNING), train.errLines());
        assertTrue(train.out().contains("training snake-mlp on spiral with the f-gan loss: 60 steps"), train.out());
        assertTrue(train.out().contains("  exported " + run.resolve("generator.onnx")
                + " (ONNX Runtime matches DJL within "), train.out());
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"divergence\" : \"pearson\""), config);

        // gan export: the Snake blocks through the plugin's converter, batch norm through gan4j's.
        Path onnx = run.resolve("opset13.onnx");
        Result export = gan("--plugins", mixed.toString(), "export", "--run", run.toString(), "--out", onnx.toString(),
                "--opset", "13");
        assertEquals(0, export.code(), export.err());
        assertEquals(List.of(BROKEN_WARNING), export.errLines());
        assertTrue(export.out().startsWith("wrote " + onnx + " ("), export.out());
        assertTrue(export.out().contains("opset 13, IR 7); ONNX Runtime matches DJL on "), export.out());
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        Set<String> ops = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toSet());
        assertTrue(ops.containsAll(Set.of("Gemm", "BatchNormalization", "Mul", "Sin", "Div", "Add")), ops.toString());
        assertEquals(13, model.getOpsetImport(0).getVersion());
        GeneratorMetadata md;
        try (OnnxGenerator g = OnnxGenerator.open(onnx)) {
            md = g.metadata();
        }
        assertEquals(8, md.latentSize());
        assertEquals(List.of(2L), java.util.Arrays.stream(md.sampleShape()).boxed().toList());
        assertEquals(0, md.numClasses());
        assertEquals("snake-mlp", md.provenance().get("model"));
        assertEquals("spiral", md.provenance().get("dataset"));
        assertEquals("60", md.provenance().get("training_steps"));
        assertEquals(config, md.provenance().get("config"));

        // gan sample --onnx needs no plugin: the file is the whole generator.
        Path fromOnnx = tmp.resolve("onnx.npy");
        Result sampleOnnx = gan("sample", "--onnx", onnx.toString(), "--n", "256", "--seed", "7", "--out",
                fromOnnx.toString());
        assertEquals(0, sampleOnnx.code(), sampleOnnx.err());
        assertEquals("", sampleOnnx.err());

        // gan sample --run rebuilds the generator from the plugin's architecture and the weights.
        Path fromRun = tmp.resolve("run.npy");
        Result sampleRun = gan("--plugins", mixed.toString(), "sample", "--run", run.toString(), "--n", "256",
                "--seed", "7", "--out", fromRun.toString());
        assertEquals(0, sampleRun.code(), sampleRun.err());
        assertEquals(List.of(BROKEN_WARNING), sampleRun.errLines());

        NpyArray a = NpyFiles.read(fromOnnx);
        NpyArray b = NpyFiles.read(fromRun);
        assertEquals(List.of(256L, 2L), java.util.Arrays.stream(a.shape()).boxed().toList());
        assertEquals(List.of(256L, 2L), java.util.Arrays.stream(b.shape()).boxed().toList());
        double max = 0;
        float[] x = a.values();
        float[] y = b.values();
        for (int i = 0; i < x.length; i++) {
            assertTrue(Float.isFinite(x[i]) && Float.isFinite(y[i]));
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        assertTrue(max <= 1e-4, "ONNX Runtime and DJL differ by " + max);
    }
}
