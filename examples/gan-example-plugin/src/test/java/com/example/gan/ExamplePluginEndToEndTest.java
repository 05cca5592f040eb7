package com.example.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * class path is this test's without this module's classes, so the plugin reaches gan4j only
 * through the folder, as it would from a third party.
 */
class ExamplePluginEndToEndTest {

    private static final String JAR = "gan-example-plugin.jar";
    private static final String BROKEN = "broken-services.jar";
    private static final String BROKEN_WARNING = "gan: warning: plugin jar " + BROKEN + " skipped: cannot load its"
            + " loss plugins (META-INF/services/org.gan4j.api.loss.AdversarialLossProvider): Provider"
            + " com.example.gan.MissingLoss not found";

    @TempDir static Path tmp;
    /** The plugin jar alone. */
    static Path plugins;
    /** The plugin jar and a jar whose services entry names a class it does not have. */
    static Path mixed;
    static List<String> classPath;

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @BeforeAll
    static void buildThePluginJarAndTheFolders() throws IOException {
        Path classes = Path.of(System.getProperty("example.classes"));
        Path testClasses = Path.of(System.getProperty("example.test-classes"));
        assertTrue(Files.isRegularFile(classes.resolve("com/example/gan/SnakeMlp.class")), "compiled: " + classes);

        plugins = Files.createDirectories(tmp.resolve("plugins"));
        jar(classes, plugins.resolve(JAR));
        mixed = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(plugins.resolve(JAR), mixed.resolve(JAR));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(mixed.resolve(BROKEN)), manifest())) {
            out.putNextEntry(new JarEntry("META-INF/services/org.gan4j.api.loss.AdversarialLossProvider"));
            out.write("com.example.gan.MissingLoss\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        // gan4j, its plugins and the engine, but not this module's classes.
        classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (!p.equals(classes.toAbsolutePath().normalize()) && !p.equals(testClasses.toAbsolutePath().normalize())) {
                classPath.add(entry);
            }
        }
        assertEquals(2, System.getProperty("java.class.path").split(File.pathSeparator).length - classPath.size(),
                "this module's classes and test classes are left out of the child's class path");
    }

    /** A jar of a classes folder, as maven-jar-plugin makes it. */
    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest());
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }

    private static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().putValue("Manifest-Version", "1.0");
        return m;
    }

    /** Runs {@code gan ARGS} in a child JVM, as {@code ./gan} does. */
    static Result gan(Map<String, String> env, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:off",
                "-Doffline=true", "-DOPT_OUT_TRACKING=true", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-cp", String.join(File.pathSeparator, classPath), "org.gan4j.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GAN4J_PLUGINS");
        pb.environment().putAll(Map.of("OMP_NUM_THREADS", "1", "DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gan " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Result gan(String... args) throws Exception {
        return gan(Map.of(), args);
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
