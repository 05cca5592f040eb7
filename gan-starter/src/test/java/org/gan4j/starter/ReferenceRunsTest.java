package org.gan4j.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.core.config.ConfigFiles;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.core.engine.DjlEnvironment;
import org.gan4j.core.run.RunDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trains each configuration of {@code reference-runs/} and compares the weights, the optimizers'
 * moments, the health measurements and the metrics with those gan4j's trainer produced before
 * games became plugins: byte for byte. Runs in its own Surefire execution with one engine thread,
 * as the references were made (the thread count changes how convolutions sum).
 */
class ReferenceRunsTest {

    private static final PluginCatalog PLUGINS = PluginCatalog.load(ReferenceRunsTest.class.getClassLoader());

    static Stream<String> cases() throws IOException, URISyntaxException {
        return ReferenceRuns.cases(ReferenceRuns.fixtures()).stream().map(p -> p.getFileName().toString());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void trainsBitForBitAsBeforeGamesWerePlugins(String name, @TempDir Path dir) throws Exception {
        assertEquals("1", System.getProperty(DjlEnvironment.THREADS_PROPERTY),
                "the references were trained on one engine thread; run this test in its own Surefire execution");
        // The settings are the fixtures'; the expected files this machine's (see ReferenceRuns).
        TrainConfig config = ConfigFiles.read(ReferenceRuns.fixtures().resolve(name).resolve("config.json"),
                TrainConfig.builder().build());
        Path reference = ReferenceRuns.forThisMachine().resolve(name);
        Path out = dir.resolve("run");
        RunDirectory run = RunDirectory.create(out, false);
        // The command line's wiring: the run's files, gan4j's evaluation every epoch, the report.
        FullRuns.trainer(config, PLUGINS, run).train().close();

        Path checkpoints = out.resolve("checkpoints");
        Path last;
        try (Stream<Path> s = Files.list(checkpoints)) {
            last = s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        List<String> expected = Files.readAllLines(reference.resolve("weights.sha256"));
        for (String line : expected) {
            String[] parts = line.split("  ");
            String file = parts[1];
            Path actual = file.startsWith("final/")
                    ? checkpoints.resolve(file)
                    : last.resolve(file.substring("last/".length()));
            assertEquals(parts[0], sha256(actual), name + ": " + file + " differs from the reference");
        }
        assertEquals(Files.readString(reference.resolve("health.csv")), Files.readString(out.resolve("health.csv")),
                name + ": health.csv");
        assertEquals(Files.readString(reference.resolve("metrics.csv")),
                ReferenceRuns.withoutTimeAndMemory(out.resolve("metrics.csv")), name + ": metrics.csv");
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
