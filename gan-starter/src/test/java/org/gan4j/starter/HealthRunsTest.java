package org.gan4j.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.config.PluginChoice;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.plugin.PluginRegistry;
import org.gan4j.core.health.HealthCsvWriter;
import org.gan4j.core.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health monitor on real runs of the trainer built to show each failure, on the ring with the
 * default MLP (100 steps an epoch), and on a healthy default-like run, which must stay quiet.
 */
class HealthRunsTest {

    private static final PluginCatalog PLUGINS = PluginCatalog.load(HealthRunsTest.class.getClassLoader());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The mlp with a generator that multiplies its noise by 0: every sample is the same point. */
    static final class CollapsedMlp implements ArchitectureProvider {
        private final ArchitectureProvider mlp = PLUGINS.models().get("mlp");

        @Override
        public String name() {
            return "collapsed-mlp";
        }

        @Override
        public String description() {
            return "test: the mlp with a generator that ignores z";
        }

        @Override
        public List<OptionSpec> options() {
            return mlp.options();
        }

        @Override
        public int batchMultiple(Options options) {
            return mlp.batchMultiple(options);
        }

        @Override
        public GanNetworks create(ModelSpec spec, Options options) {
            GanNetworks inner = mlp.create(spec, options);
            SequentialBlock generator = new SequentialBlock()
                    .add(new LambdaBlock(z -> new NDList(z.singletonOrThrow().mul(0)), "ignore-z"))
                    .add(inner.generator());
            return new GanNetworks(generator, inner.discriminator());
        }
    }

    private static PluginCatalog withCollapsedMlp() {
        List<ArchitectureProvider> models = new ArrayList<>(PLUGINS.models().all());
        models.add(new CollapsedMlp());
        return new PluginCatalog(PLUGINS.games(), PluginRegistry.of(ArchitectureProvider.KIND, models), PLUGINS.losses(),
                PLUGINS.datasets(), PLUGINS.regularizers(), PLUGINS.converters(), List.of(), List.of());
    }

    /** The defaults of {@code gan train} (mlp, non-saturating, batch 256, Adam 1e-3/0.5, linear decay) on a smaller ring. */
    private static TrainConfig.Builder ring(long steps) {
        return TrainConfig.builder()
                .dataset(new PluginChoice("ring", Map.of("samples", "25600")))
                .steps(steps)
                .evalSamples(1000);
    }

    private static Path train(TrainConfig config, PluginCatalog plugins, Path dir) {
        RunDirectory run = RunDirectory.create(dir, false);
        FullRuns.trainer(config, plugins, run).train().close();
        return dir;
    }

    private static List<JsonNode> diagnoses(Path run) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("diagnosis.jsonl"))) {
            found.add(JSON.readTree(line));
        }
        return found;
    }

    private static List<String> problems(List<JsonNode> diagnoses) {
        return diagnoses.stream().map(d -> d.get("problem").asText()).toList();
    }

    private static JsonNode first(List<JsonNode> diagnoses, String problem) {
        return diagnoses.stream().filter(d -> d.get("problem").asText().equals(problem)).findFirst().orElseThrow(
                () -> new AssertionError("no " + problem + " in " + problems(diagnoses)));
    }

    /** health.csv's rows by column name. */
    private static List<Map<String, Double>> health(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve(HealthCsvWriter.FILE));
        assertEquals(HealthCsvWriter.HEADER, lines.get(0));
        String[] names = lines.get(0).split(",");
        List<Map<String, Double>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, Double> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], Double.parseDouble(cells[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    /** That a remedy of the diagnosis changes a setting (to the value, when one is given). */
    private static void assertRemedy(JsonNode d, String setting, String value) {
        for (JsonNode r : d.get("remedies")) {
            for (JsonNode alternative : r.get("settings")) {
                for (JsonNode change : alternative) {
                    if (change.get("setting").asText().equals(setting)
                            && (value == null ? !change.has("value") : value.equals(change.path("value").asText()))) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no remedy with " + setting + "=" + value + " in " + d);
    }

    @Test
    void aHealthyDefaultRunStaysQuiet(@TempDir Path dir) throws IOException {
        Path run = train(ring(1000).build(), PLUGINS, dir.resolve("run"));
        assertEquals(List.of(), diagnoses(run));
        List<Map<String, Double>> rows = health(run);
        // Steps 1-10, then every 10th.
        assertEquals(10 + 99, rows.size());
        assertEquals(List.of(1.0, 2.0, 10.0, 20.0, 1000.0),
                List.of(rows.get(0).get("step"), rows.get(1).get("step"), rows.get(9).get("step"),
                        rows.get(10).get("step"), rows.get(rows.size() - 1).get("step")));
        for (Map<String, Double> r : rows) {
            for (String a : List.of("d_real_accuracy", "d_fake_accuracy")) {
                assertTrue(r.get(a) >= 0 && r.get(a) <= 1, r.toString());
            }
            assertTrue(r.get("g_grad_norm") > 0 && r.get("d_grad_norm") > 0, r.toString());
        }
        // A settled game: D near chance on the fakes, scores near 0, G's gradient alive.
        Map<String, Double> last = rows.get(rows.size() - 1);
        assertTrue(Math.abs(last.get("fake_score")) < 2 && last.get("g_grad_norm") > 0.1, last.toString());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertTrue(metrics.get(0).contains(",diversity,"), metrics.get(0));
        int column = List.of(metrics.get(0).split(",")).indexOf("diversity");
        double diversity = Double.parseDouble(metrics.get(metrics.size() - 1).split(",")[column]);
        assertTrue(diversity > 0.8 && diversity < 1.25, "diversity " + diversity);
    }

    @Test
    void theSaturatingLossAgainstAStrongDiscriminatorShowsVanishingGradients(@TempDir Path dir) throws IOException {
        // Five D updates a step at five times G's rate: D wins within 100 steps and stays ahead.
        // Batches of 64 make the 2,400 updates quick.
        Path run = train(ring(400)
                .batchSize(64)
                .loss(PluginChoice.of("minimax"))
                .discriminatorSteps(5)
                .discriminatorOptimizer(AdamConfig.of(5e-3, 0.5))
                .build(), PLUGINS, dir.resolve("run"));
        JsonNode d = first(diagnoses(run), "vanishing-gradients");
        assertEquals("Vanishing generator gradients (D too strong)", d.get("title").asText());
        assertTrue(d.get("evidence").asText().contains("(saturated), and G's gradient norm fell to"), d.toString());
        assertEquals("use the non-saturating generator loss, whose gradient stays strong when D rejects the fakes"
                + " (Goodfellow et al. 2014): loss=non-saturating", d.get("remedies").get(0).get("text").asText());
        assertRemedy(d, "discriminatorOptimizer.learningRate", null);
        assertRemedy(d, "regularizers", "instance-noise");
        // health.csv shows it: at the diagnosis D rejects every fake and G's gradient is a sliver of its start's.
        long step = d.get("step").asLong();
        List<Map<String, Double>> rows = health(run);
        Map<String, Double> at = rows.stream().filter(r -> r.get("step") == step).findFirst().orElseThrow();
        assertTrue(at.get("d_fake_accuracy") >= 0.95 && at.get("fake_score") < -4.6, at.toString());
        double early = rows.subList(10, 30).stream().mapToDouble(r -> r.get("g_grad_norm")).max().orElseThrow();
        assertTrue(at.get("g_grad_norm") < 0.1 * early, at + " against " + early);
    }

    @Test
    void aGeneratorCollapsedToOnePointShowsModeCollapse(@TempDir Path dir) throws IOException {
        Path run = train(ring(300).model(PluginChoice.of("collapsed-mlp")).build(), withCollapsedMlp(),
                dir.resolve("run"));
        List<JsonNode> found = diagnoses(run);
        JsonNode d = first(found, "mode-collapse");
        assertEquals(1, d.get("epoch").asInt(), "seen at the first epoch's evaluation");
        assertEquals(100, d.get("step").asLong());
        assertTrue(d.get("evidence").asText().startsWith("at the end of epoch 1 the generated samples' mean pairwise"
                + " distance is 0.00 of the real data's"), d.toString());
        assertRemedy(d, "unrolledSteps", "5");
        assertRemedy(d, "loss", "wgan-gp");
        assertEquals(1, problems(found).stream().filter("mode-collapse"::equals).count(), "once, not every epoch");
    }

    @Test
    void aFastMomentumGameShowsOscillation(@TempDir Path dir) throws IOException {
        AdamConfig fast = AdamConfig.of(5e-3, 0.9);
        Path run = train(ring(600)
                .model(new PluginChoice("mlp", Map.of("pack", "1")))
                .generatorOptimizer(fast)
                .discriminatorOptimizer(fast)
                .build(), PLUGINS, dir.resolve("run"));
        JsonNode d = first(diagnoses(run), "oscillation");
        assertTrue(d.get("evidence").asText().contains("D's accuracy on the fakes ranged"), d.toString());
        assertRemedy(d, "regularizers", "r1");
        assertRemedy(d, "generatorOptimizer.learningRate", null);
        List<Map<String, Double>> rows = health(run);
        double min = rows.stream().mapToDouble(r -> r.get("d_fake_accuracy")).min().orElseThrow();
        double max = rows.stream().mapToDouble(r -> r.get("d_fake_accuracy")).max().orElseThrow();
        assertTrue(min < 0.2 && max > 0.9, "D's fake accuracy ranged " + min + "-" + max);
    }

    @Test
    void anUnclippedCriticAtAHighRateShowsDivergence(@TempDir Path dir) throws IOException {
        // 200 steps: the rates decay linearly over the run, so a shorter run cools down too soon.
        Path run = train(ring(200)
                .batchSize(64)
                .loss(new PluginChoice("wasserstein", Map.of("clip", "0")))
                .generatorOptimizer(AdamConfig.of(1e-2, 0.5))
                .discriminatorOptimizer(AdamConfig.of(1e-2, 0.5))
                .build(), PLUGINS, dir.resolve("run"));
        JsonNode d = first(diagnoses(run), "divergence");
        assertTrue(d.get("evidence").asText().contains("grew to"), d.toString());
        assertRemedy(d, "loss.options.clip", "0.01");
        assertRemedy(d, "onDivergence", "rollback");
        double maxScore = health(run).stream().mapToDouble(r -> Math.abs(r.get("fake_score"))).max().orElseThrow();
        assertTrue(maxScore > 100, "scores reached " + maxScore);
    }
}
