package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gan4j.cli.CliTest.Result;
import org.gan4j.core.plugin.TestPluginJars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugins DIR} and {@code GAN4J_PLUGINS}: jars compiled now, loaded only from the folder. */
class PluginFolderCliTest {

    private static final String LOSS = "org.gan4j.api.loss.AdversarialLossProvider";
    private static final String CONVERTER = "org.gan4j.api.export.BlockConverter";

    @TempDir static Path tmp;
    static Path folder;
    static Path empty;

    static Result gan(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(code, out.toString(), err.toString());
    }

    static Result gan(String... args) {
        return gan(Map.of(), args);
    }

    @BeforeAll
    static void buildTheFolder() throws Exception {
        folder = Files.createDirectories(tmp.resolve("plugins"));
        empty = Files.createDirectories(tmp.resolve("empty"));
        TestPluginJars.compile(folder.resolve("a-tiny.jar"), Map.of("test.plugins.TinyLoss", """
                package test.plugins;
                import ai.djl.ndarray.NDArray;
                import org.gan4j.api.loss.AdversarialLoss;
                import org.gan4j.api.loss.AdversarialLossProvider;
                import org.gan4j.api.plugin.Options;
                public final class TinyLoss implements AdversarialLossProvider, AdversarialLoss {
                    public String name() { return "tiny-loss"; }
                    public String description() { return "test loss: least squares, written again"; }
                    public AdversarialLoss create(Options o) { return this; }
                    public NDArray discriminatorLoss(NDArray real, NDArray fake) {
                        return real.sub(1).square().mean().add(fake.square().mean());
                    }
                    public NDArray generatorLoss(NDArray fake) { return fake.sub(1).square().mean(); }
                }
                """), Map.of(LOSS, List.of("test.plugins.TinyLoss")), Set.of());
        TestPluginJars.servicesOnly(folder.resolve("b-broken.jar"), Map.of(LOSS, List.of("test.plugins.Missing")));
        TestPluginJars.compile(folder.resolve("c-linear.jar"), Map.of("test.plugins.LinearAgain", """
                package test.plugins;
                import ai.djl.nn.Block;
                import java.util.List;
                import org.gan4j.api.export.BlockConverter;
                import org.gan4j.api.export.OnnxGraphBuilder;
                public final class LinearAgain implements BlockConverter {
                    public String name() { return "linear-again"; }
                    public String description() { return "test converter"; }
                    public Class<? extends Block> blockType() { return ai.djl.nn.core.Linear.class; }
                    public List<String> convert(Block b, List<String> in, OnnxGraphBuilder g) { return in; }
                }
                """), Map.of(CONVERTER, List.of("test.plugins.LinearAgain")), Set.of());
    }

    private static final List<String> WARNINGS = List.of(
            "gan: warning: plugin jar b-broken.jar skipped: cannot load its loss plugins"
                    + " (META-INF/services/org.gan4j.api.loss.AdversarialLossProvider): Provider test.plugins.Missing"
                    + " not found",
            "gan: warning: plugin jar c-linear.jar skipped: its converter 'linear-again' translates"
                    + " ai.djl.nn.core.Linear, as the built-in converter 'linear' does; a block type has one converter");

    private static boolean hasRow(String out, String kind, String name, String origin, String description) {
        // Columns padded to their longest entries; the description may go on.
        Pattern row = Pattern.compile("  " + kind + " +" + Pattern.quote(name) + " +" + Pattern.quote(origin) + " {2,}"
                + Pattern.quote(description) + ".*");
        return out.lines().anyMatch(l -> row.matcher(l).matches());
    }

    @Test
    void pluginsShowsEachPluginsOriginAndEachSkippedJarOnce() {
        Result r = gan("--plugins", folder.toString(), "plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(hasRow(r.out(), "loss", "tiny-loss", "a-tiny.jar", "test loss: least squares, written again"),
                r.out());
        assertTrue(hasRow(r.out(), "loss", "hinge", "built-in", "hinge loss (Lim and Ye 2017; SNGAN, BigGAN)"),
                r.out());
        assertTrue(hasRow(r.out(), "converter", "linear", "built-in",
                "DJL Linear as ONNX Gemm (or MatMul + Add above rank 2)"), r.out());
        assertFalse(r.out().contains("linear-again"), r.out());
        assertTrue(r.out().endsWith("plugin folder " + folder
                + ": 1 jar loaded (a-tiny.jar), 2 skipped (b-broken.jar, c-linear.jar)\n"), r.out());
        assertEquals(WARNINGS, r.errLines());

        // After the subcommand too: the option is inherited.
        Result after = gan("plugins", "--plugins", folder.toString());
        assertEquals(r.out(), after.out());
    }

    @Test
    void theEnvironmentVariableNamesTheFolderWhenTheFlagIsAbsent() {
        Map<String, String> env = Map.of("GAN4J_PLUGINS", folder.toString());
        Result fromEnv = gan(env, "plugins");
        assertEquals(0, fromEnv.code(), fromEnv.err());
        assertTrue(hasRow(fromEnv.out(), "loss", "tiny-loss", "a-tiny.jar", "test loss"), fromEnv.out());
        assertEquals(WARNINGS, fromEnv.errLines());

        Result flagWins = gan(env, "--plugins", empty.toString(), "plugins");
        assertEquals(0, flagWins.code(), flagWins.err());
        assertFalse(flagWins.out().contains("tiny-loss"), flagWins.out());
        assertTrue(flagWins.out().endsWith("plugin folder " + empty + ": 0 jars loaded\n"), flagWins.out());
        assertEquals("", flagWins.err());

        Result blank = gan(Map.of("GAN4J_PLUGINS", ""), "plugins");
        assertEquals(0, blank.code());
        assertFalse(blank.out().contains("plugin folder"), "an empty GAN4J_PLUGINS is no folder");
    }

    @Test
    void aMissingFolderIsAnErrorNamingItForEveryCommand() throws Exception {
        Path missing = tmp.resolve("no-such-folder");
        assertEquals("gan plugins: --plugins " + missing + ": no such directory; give the folder that holds the"
                        + " plugin jars",
                CliTest.failsWith(2, gan("--plugins", missing.toString(), "plugins")));
        // Checked before any command runs, even one that needs no plugins.
        assertEquals("gan sample: GAN4J_PLUGINS=" + missing + ": no such directory; give the folder that holds"
                        + " the plugin jars",
                CliTest.failsWith(2, gan(Map.of("GAN4J_PLUGINS", missing.toString()),
                        "sample", "--onnx", "g.onnx", "--out", tmp.resolve("x.npy").toString())));
        Path jar = folder.resolve("a-tiny.jar");
        assertEquals("gan train: --plugins " + jar + ": not a directory; give the folder that holds the plugin"
                        + " jars, not a jar",
                CliTest.failsWith(2, gan("--plugins", jar.toString(), "train")));
        assertEquals("gan: --plugins " + missing + ": no such directory; give the folder that holds the plugin jars",
                CliTest.failsWith(2, gan("--plugins", missing.toString())));
        // A folder named like a subcommand is a folder: the one named here does not exist.
        assertEquals("gan train: --plugins plugins: no such directory; give the folder that holds the plugin jars",
                CliTest.failsWith(2, gan("--plugins", "plugins", "train")));
        // Help and version need no folder.
        assertEquals(0, gan("--plugins", missing.toString(), "--help").code());
    }

    @Test
    void trainsWithALossFromTheFolderWhileTheBrokenJarsAreSkipped() throws Exception {
        Path run = tmp.resolve("run");
        String[] train = {"train", "--loss", "tiny-loss", "--steps", "5", "--batch-size", "64", "--dataset-opt",
            "samples=640", "--model-opt", "g-hidden=8", "--model-opt", "d-hidden=8", "--quiet", "--out", run.toString()};
        assertEquals("gan train: unknown loss 'tiny-loss'; available: hinge, least-squares, minimax, non-saturating,"
                + " relativistic, wasserstein, wgan-gp", CliTest.failsWith(2, gan(train)));

        String[] withFolder = new String[train.length + 2];
        withFolder[0] = "--plugins";
        withFolder[1] = folder.toString();
        System.arraycopy(train, 0, withFolder, 2, train.length);
        Result r = gan(withFolder);
        assertEquals(0, r.code(), r.err());
        assertEquals(WARNINGS, r.errLines(), "each skipped jar once, however often plugins are looked up");
        assertTrue(Files.readString(run.resolve("config.json")).contains("\"name\" : \"tiny-loss\""));
        assertTrue(Files.isRegularFile(run.resolve("generator.onnx")));
    }
}
