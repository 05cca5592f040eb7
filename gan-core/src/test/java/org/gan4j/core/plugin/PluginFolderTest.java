package org.gan4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gan4j.api.ConfigException;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.loss.AdversarialLossProvider;
import org.gan4j.api.plugin.GanPlugin;
import org.gan4j.core.plugin.PluginCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin folder whose jars are compiled now, so that their classes are nowhere on the class path. */
class PluginFolderTest {

    private static final String LOSS = AdversarialLossProvider.class.getName();
    private static final String DATASET = "org.gan4j.api.data.DatasetProvider";
    private static final String CONVERTER = BlockConverter.class.getName();

    @TempDir static Path tmp;
    static Path folder;
    static PluginCatalog catalog;

    static String loss(String className, String name) {
        return """
                package test.plugins;
                import ai.djl.ndarray.NDArray;
                import org.gan4j.api.loss.AdversarialLoss;
                import org.gan4j.api.loss.AdversarialLossProvider;
                import org.gan4j.api.plugin.Options;
                public final class %s implements AdversarialLossProvider, AdversarialLoss {
                    public String name() { return "%s"; }
                    public String description() { return "test loss"; }
                    public AdversarialLoss create(Options o) { return this; }
                    public NDArray discriminatorLoss(NDArray real, NDArray fake) { return fake.sub(real).mean(); }
                    public NDArray generatorLoss(NDArray fake) { return fake.neg().mean(); }
                }
                """.formatted(className, name);
    }

    static String linearConverter(String name) {
        return """
                package test.plugins;
                import ai.djl.nn.Block;
                import java.util.List;
                import org.gan4j.api.export.BlockConverter;
                import org.gan4j.api.export.OnnxGraphBuilder;
                public final class LinearAgain implements BlockConverter {
                    public String name() { return "%s"; }
                    public String description() { return "test converter"; }
                    public Class<? extends Block> blockType() { return ai.djl.nn.core.Linear.class; }
                    public List<String> convert(Block b, List<String> in, OnnxGraphBuilder g) { return in; }
                }
                """.formatted(name);
    }

    static String dataset(String className, String extendsClause, String constructorBody) {
        return """
                package test.plugins;
                import org.gan4j.api.data.DatasetRequest;
                import org.gan4j.api.data.GanDataset;
                public class %s %s {
                    public %s() { %s }
                    public String name() { return "test-data"; }
                    public String description() { return "test dataset"; }
                    public GanDataset open(DatasetRequest r) { throw new UnsupportedOperationException(); }
                }
                """.formatted(className, extendsClause, className, constructorBody);
    }

    @BeforeAll
    static void buildTheFolder() throws Exception {
        folder = Files.createDirectories(tmp.resolve("plugins"));
        TestPluginJars.compile(folder.resolve("a-tiny.jar"),
                Map.of("test.plugins.TinyLoss", loss("TinyLoss", "tiny-loss"),
                        "test.plugins.LinearAgain", linearConverter("linear-a")),
                Map.of(LOSS, List.of("# a comment, then the class", "test.plugins.TinyLoss"),
                        CONVERTER, List.of("test.plugins.LinearAgain")),
                Set.of());
        TestPluginJars.compile(folder.resolve("b-clash.jar"), Map.of("test.plugins.Hinge", loss("Hinge", "hinge")),
                Map.of(LOSS, List.of("test.plugins.Hinge")), Set.of());
        TestPluginJars.compile(folder.resolve("c-twin.jar"), Map.of("test.plugins.Twin", loss("Twin", "tiny-loss")),
                Map.of(LOSS, List.of("test.plugins.Twin")), Set.of());
        TestPluginJars.compile(folder.resolve("d-linear.jar"),
                Map.of("test.plugins.LinearAgain", linearConverter("linear-d")),
                Map.of(CONVERTER, List.of("test.plugins.LinearAgain")), Set.of());
        TestPluginJars.servicesOnly(folder.resolve("e-missing-class.jar"), Map.of(LOSS, List.of("test.plugins.Nowhere")));
        TestPluginJars.compile(folder.resolve("f-missing-super.jar"),
                Map.of("test.plugins.MissingBase", dataset("MissingBase", "implements org.gan4j.api.data.DatasetProvider", ""),
                        "test.plugins.NeedsMissing", dataset("NeedsMissing", "extends MissingBase", "")),
                Map.of(DATASET, List.of("test.plugins.NeedsMissing")), Set.of("test.plugins.MissingBase"));
        TestPluginJars.compile(folder.resolve("g-throws.jar"),
                Map.of("test.plugins.Throwing", dataset("Throwing", "implements org.gan4j.api.data.DatasetProvider",
                        "if (true) throw new IllegalStateException(\"boom\");")),
                Map.of(DATASET, List.of("test.plugins.Throwing")), Set.of());
        TestPluginJars.compile(folder.resolve("h-bad-name.jar"), Map.of("test.plugins.Bad", loss("Bad", "Bad Name")),
                Map.of(LOSS, List.of("test.plugins.Bad")), Set.of());
        TestPluginJars.servicesOnly(folder.resolve("i-empty.jar"), Map.of());
        Files.writeString(folder.resolve("j-junk.jar"), "not a zip file");
        // A jar listing a built-in class: gan4j's own copy is the one used, so the jar adds nothing.
        TestPluginJars.servicesOnly(folder.resolve("k-builtin-class.jar"),
                Map.of(LOSS, List.of("org.gan4j.losses.HingeLoss")));
        TestPluginJars.compile(folder.resolve("l-newer-java.jar"), Map.of("test.plugins.Newer", loss("Newer", "newer")),
                Map.of(LOSS, List.of("test.plugins.Newer")), Set.of());
        TestPluginJars.setClassFileVersion(folder.resolve("l-newer-java.jar"), "test.plugins.Newer", 65);
        // Not jars, hidden, or in a subfolder: ignored.
        Files.writeString(folder.resolve("notes.txt"), "ignored");
        Files.writeString(folder.resolve(".hidden.jar"), "ignored");
        Files.copy(folder.resolve("b-clash.jar"), Files.createDirectories(folder.resolve("sub")).resolve("z.jar"));

        catalog = PluginCatalog.load(PluginFolderTest.class.getClassLoader(), folder);
    }

    @Test
    void aGoodJarLoadsBesideTheBuiltInsThroughItsOwnClassLoader() throws Exception {
        assertEquals(List.of("a-tiny.jar"), catalog.jars().stream().map(PluginJar::fileName).toList());
        GanPlugin tiny = catalog.losses().get("tiny-loss");
        assertEquals("a-tiny.jar", catalog.origin(tiny));
        assertEquals("a-tiny.jar", catalog.origin(catalog.converters().get("linear-a")));
        assertEquals(PluginFolder.BUILT_IN, catalog.origin(catalog.losses().get("hinge")));
        assertEquals("org.gan4j.losses.HingeLoss", catalog.losses().get("hinge").getClass().getName());
        assertEquals(Set.of("hinge", "least-squares", "minimax", "non-saturating", "relativistic", "tiny-loss",
                "wasserstein", "wgan-gp"), catalog.losses().names());

        ClassLoader own = tiny.getClass().getClassLoader();
        assertInstanceOf(URLClassLoader.class, own);
        assertSame(PluginFolderTest.class.getClassLoader(), own.getParent());
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("test.plugins.TinyLoss", false, PluginFolderTest.class.getClassLoader()));
        // The jar's classes see gan-api through the parent: one AdversarialLossProvider for all.
        assertSame(AdversarialLossProvider.class, own.loadClass(AdversarialLossProvider.class.getName()));
    }

    @Test
    void everyBadJarIsSkippedWithItsReason() {
        String lossFile = "META-INF/services/" + LOSS;
        String dataFile = "META-INF/services/" + DATASET;
        List<String> expected = List.of(
                "plugin jar b-clash.jar skipped: its loss 'hinge' has the name of a built-in loss; built-in plugins"
                        + " cannot be replaced, rename it",
                "plugin jar c-twin.jar skipped: its loss 'tiny-loss' has the name of one in a-tiny.jar, loaded before"
                        + " it (jars load in file-name order); remove one of the jars or rename the plugin",
                "plugin jar d-linear.jar skipped: its converter 'linear-d' translates ai.djl.nn.core.Linear, as"
                        + " converter 'linear-a' of a-tiny.jar does; a block type has one converter",
                "plugin jar e-missing-class.jar skipped: cannot load its loss plugins (" + lossFile
                        + "): Provider test.plugins.Nowhere not found",
                "plugin jar f-missing-super.jar skipped: cannot load its dataset plugins (" + dataFile
                        + "): class test.plugins.MissingBase is missing (NoClassDefFoundError); a plugin jar must"
                        + " hold every class it needs beyond gan-api and DJL's API",
                "plugin jar g-throws.jar skipped: cannot load its dataset plugins (" + dataFile
                        + "): Provider test.plugins.Throwing could not be instantiated; IllegalStateException: boom",
                "plugin jar h-bad-name.jar skipped: its loss plugin test.plugins.Bad has the invalid name 'Bad Name';"
                        + " names must match [a-z0-9-]+",
                "plugin jar i-empty.jar skipped: it holds no gan4j plugin: it has no META-INF/services file for one of"
                        + " gan-api's plugin interfaces",
                "plugin jar j-junk.jar skipped: not a readable jar file (ZipException: zip END header not found)",
                "plugin jar k-builtin-class.jar skipped: the classes its META-INF/services files name are on gan4j's"
                        + " class path already (org.gan4j.losses.HingeLoss), and gan4j uses those: the jar adds nothing");
        List<String> warnings = catalog.skipped().stream().map(SkippedJar::warning).toList();
        assertEquals(expected, warnings.subList(0, expected.size()));
        assertEquals(expected.size() + 1, warnings.size());
        String newer = warnings.get(expected.size());
        assertTrue(newer.startsWith("plugin jar l-newer-java.jar skipped: cannot load its loss plugins (" + lossFile
                + "): test/plugins/Newer has been compiled by a more recent version of the Java Runtime (class file"
                + " version 65.0)"), newer);
        assertTrue(newer.endsWith(" (compile plugins for Java 17)"), newer);
    }

    @Test
    void withoutAFolderOnlyTheBuiltInsLoad() {
        PluginCatalog builtIns = PluginCatalog.load(PluginFolderTest.class.getClassLoader());
        assertTrue(builtIns.jars().isEmpty());
        assertTrue(builtIns.skipped().isEmpty());
        assertEquals(Set.of("hinge", "least-squares", "minimax", "non-saturating", "relativistic", "wasserstein",
                "wgan-gp"), builtIns.losses().names());
        assertTrue(builtIns.converters().names().isEmpty(), "gan-export is not on gan-core's class path");
    }

    @Test
    void eachLoadGivesNewClassLoaders() {
        PluginCatalog again = PluginCatalog.load(PluginFolderTest.class.getClassLoader(), folder);
        assertNotSame(catalog.losses().get("tiny-loss").getClass(), again.losses().get("tiny-loss").getClass());
    }

    @Test
    void aFolderThatCannotBeListedIsAConfigError() throws Exception {
        Path missing = tmp.resolve("nowhere");
        assertEquals("plugin folder " + missing + " does not exist",
                assertThrows(ConfigException.class, () -> PluginFolder.jarsIn(missing)).getMessage());
        Path file = Files.writeString(tmp.resolve("file.jar"), "x");
        assertEquals("plugin folder " + file + " is not a directory",
                assertThrows(ConfigException.class,
                        () -> PluginCatalog.load(PluginFolderTest.class.getClassLoader(), file)).getMessage());
    }
}
