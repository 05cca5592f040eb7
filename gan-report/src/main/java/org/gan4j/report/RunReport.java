package org.gan4j.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.core.io.AtomicFiles;

/**
 * Writes a run directory's {@code report.html}: one self-contained page (no network, no external
 * style sheets, scripts or fonts; charts and sample grids embedded as {@code data:} URIs) with
 * the run's header and final figures, loss, discriminator and gradient-norm curves, metric
 * curves, the evaluation table, sample grids over the epochs, the diagnosis timeline and the
 * config.
 *
 * <p>It reads only the run's files ({@code config.json}, {@code run.json}, {@code metrics.csv},
 * {@code health.csv}, {@code diagnosis.jsonl}, {@code evaluations.jsonl}, {@code eval.json},
 * {@code samples/epoch-NNN.png}), so it works on a run in progress, a finished run, or an old
 * run that lacks some of them: a missing file leaves a note where its section would be, and a
 * malformed one is named in the notes at the top; neither is an error. Every string taken from
 * the files is HTML-escaped, and the page's content security policy forbids scripts and
 * requests besides, so a file cannot make the page run code or fetch anything.
 */
public final class RunReport {

    /** The report's file name in the run directory. */
    public static final String FILE_NAME = "report.html";

    /** Most sample grids shown: evenly spaced over the epochs, and the last. */
    static final int MAX_GRIDS = 12;

    /** Sample grids wider than this are scaled down before embedding, to bound the page's size. */
    static final int MAX_GRID_WIDTH = 640;

    /**
     * The page may load nothing but its own inline style and data: images; scripts are off. A
     * reader's browser enforces it, so the page stays offline and inert even if a bug let markup
     * from a file through.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    /**
     * metrics.csv columns that are not evaluation metrics (they have charts of their own); each
     * update's {@code <name>_loss} column is not one either.
     */
    private static final Set<String> NOT_METRICS = Set.of("epoch", "step", "seconds", "rss_mib");

    /** Metrics drawn together because they are read together. */
    private static final List<List<String>> FAMILIES = List.of(List.of("precision", "recall"));

    /** Chart titles of the metrics gan4j writes; others are titled by their column name. */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("fcd", "Fréchet distance on classifier features (fcd, lower is better)"),
            Map.entry("fid", "Fréchet distance on Inception features (fid, lower is better)"),
            Map.entry("kid", "Kernel distance (kid, lower is better)"),
            Map.entry("precision", "Precision and recall (higher is better)"),
            Map.entry("classifier_score", "Classifier score (higher is better)"),
            Map.entry("class_accuracy", "Conditional accuracy (class_accuracy, higher is better)"),
            Map.entry("diversity", "Sample diversity (diversity, generated / real, 1 matches the data)"),
            Map.entry("modes", "Modes covered (modes)"),
            Map.entry("high_quality_pct", "High-quality samples (high_quality_pct, %)"),
            Map.entry("reverse_kl", "Reverse KL divergence (reverse_kl, lower is better)"));

    private static final Pattern GRID_FILE = Pattern.compile("epoch-(\\d+)\\.png");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private RunReport() {}

    /**
     * Writes {@code report.html} in a run directory, atomically: a reader sees the old page or
     * the new one, never half of one.
     *
     * @param runDir the run directory
     * @return the report file
     * @throws IOException if the directory does not exist or the page cannot be written
     */
    public static Path write(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new NoSuchFileException(runDir.toString(), null,
                    "not a run directory; give the --out of a `gan train`");
        }
        Path target = runDir.resolve(FILE_NAME);
        AtomicFiles.writeString(target, render(runDir));
        return target;
    }

    /**
     * Builds the page from a run directory's files.
     *
     * @param runDir the run directory
     * @return the HTML
     */
    static String render(Path runDir) {
        return new Page(runDir).html();
    }

    /** A JSON file as read: the tree when it parsed, the text when it did not. */
    private record Json(JsonNode node, String text) {}

    /** A sample grid file and the epoch it shows. */
    private record Grid(int epoch, Path file) {}

    /** One rendering of one run directory. */
    private static final class Page {

        private final Path dir;
        private final List<String> notes = new ArrayList<>();
        private final Json config;
        private final Json info;
        private final CsvTable metrics;
        private final CsvTable health;
        private final List<JsonNode> diagnoses;
        private final List<JsonNode> evaluations;
        private final Json evalJson;
        private final StringBuilder out = new StringBuilder(1 << 20);

        Page(Path dir) {
            this.dir = dir;
            config = readJson("config.json");
            info = readJson("run.json");
            metrics = CsvTable.read(dir.resolve("metrics.csv"), "epoch", notes);
            health = CsvTable.read(dir.resolve("health.csv"), "step", notes);
            diagnoses = readJsonLines("diagnosis.jsonl");
            evaluations = readJsonLines("evaluations.jsonl");
            evalJson = readJson("eval.json");
        }

        // ---------------------------------------------------------------- reading

        private Json readJson(String name) {
            String text;
            try {
                text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                notes.add(name + " cannot be read (" + e.getMessage() + ").");
                return null;
            }
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.isObject()) {
                    notes.add(name + " is malformed: it is not a JSON object.");
                    return new Json(null, text);
                }
                return new Json(node, text);
            } catch (IOException e) {
                notes.add(name + " is malformed: " + firstLine(e.getMessage()) + ".");
                return new Json(null, text);
            }
        }

        /** The objects of a JSON-lines file; null when the file is absent. Bad lines are skipped and noted. */
        private List<JsonNode> readJsonLines(String name) {
            List<String> lines;
            try {
                lines = Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                notes.add(name + " cannot be read (" + e.getMessage() + ").");
                return null;
            }
            List<JsonNode> objects = new ArrayList<>();
            int bad = 0;
            String firstBad = null;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String problem;
                try {
                    JsonNode node = JSON.readTree(lines.get(i));
                    if (node != null && node.isObject()) {
                        objects.add(node);
                        continue;
                    }
                    problem = "not a JSON object";
                } catch (IOException e) {
                    problem = firstLine(e.getMessage());
                }
                bad++;
                if (firstBad == null) {
                    firstBad = "line " + (i + 1) + ": " + problem;
                }
            }
            if (bad > 0) {
                notes.add(name + " is malformed: " + bad + (bad == 1 ? " line was" : " lines were") + " skipped ("
                        + firstBad + ").");
            }
            return objects;
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "unreadable";
            }
            String line = message.lines().findFirst().orElse("unreadable").strip();
            return line.length() > 200 ? line.substring(0, 200) + "…" : line;
        }

        // ---------------------------------------------------------------- the page

        String html() {
            // The sections are rendered first: they add notes that the top of the page shows.
            out.setLength(0);
            losses();
            discriminator();
            gradients();
            metricCurves();
            evaluationTable();
            samples();
            diagnosis();
            configSection();
            String body = out.toString();
            out.setLength(0);

            String title = "gan4j report: " + text(config, "model", "name") + " on " + text(config, "dataset", "name");
            out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
                    .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                    .append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
            out.append("<header>\n<h1>").append(esc(title)).append("</h1>\n<p class=\"dir\">")
                    .append(esc(dir.toAbsolutePath().normalize().toString())).append("</p>\n");
            facts();
            out.append("</header>\n<nav>");
            for (String[] s : SECTIONS) {
                out.append("<a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a> ");
            }
            out.append("</nav>\n");
            if (!notes.isEmpty()) {
                out.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
                for (String n : new LinkedHashSet<>(notes)) {
                    out.append("<li>").append(esc(n)).append("</li>\n");
                }
                out.append("</ul>\n</section>\n");
            }
            out.append(body);
            out.append("<footer>Written by gan4j ").append(esc(text(info, "gan4jVersion")))
                    .append(" at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .append(" from the files of this run directory; rewritten after every epoch.</footer>\n")
                    .append("</body>\n</html>\n");
            return out.toString();
        }

        private static final String[][] SECTIONS = {
            {"losses", "Losses"}, {"discriminator", "Discriminator"}, {"gradients", "Gradient norms"},
            {"metrics", "Metrics"}, {"evaluations", "Evaluations"}, {"samples", "Samples"},
            {"diagnosis", "Diagnosis"}, {"config", "Config"}
        };

        private void facts() {
            out.append("<table class=\"facts\">\n");
            if (config != null && config.node() != null) {
                JsonNode c = config.node();
                fact("Model", plugin(c.get("model")));
                StringBuilder loss = new StringBuilder(plugin(c.get("loss")));
                JsonNode regs = c.get("regularizers");
                if (regs != null && regs.isArray() && !regs.isEmpty()) {
                    List<String> names = new ArrayList<>();
                    regs.forEach(r -> names.add(plugin(r)));
                    loss.append("; regularizers: ").append(String.join(", ", names));
                }
                fact("Loss", loss.toString());
                fact("Dataset", plugin(c.get("dataset")));
            } else {
                fact("Config", "config.json is missing or malformed; see the notes");
            }
            fact("Length", length());
            if (metrics != null && metrics.has("seconds") && metrics.hasData("seconds")) {
                fact("Run time", Html.duration(metrics.last("seconds")) + " (to the end of the last epoch written)");
            }
            String finals = finalMetrics();
            if (!finals.isEmpty()) {
                fact("Final metrics", finals);
            }
            JsonNode latest = latestEvaluation();
            if (latest != null) {
                fact("Latest evaluation", metricSummary(latest.get("metrics")) + " (step " + text(latest, "step")
                        + ", " + text(latest, "samples") + " samples, " + text(latest, "source") + ")");
            }
            if (diagnoses != null && !diagnoses.isEmpty()) {
                Set<String> problems = new LinkedHashSet<>();
                diagnoses.forEach(d -> problems.add(text(d, "problem")));
                fact("Diagnosis", diagnoses.size() + (diagnoses.size() == 1 ? " finding: " : " findings: ")
                        + String.join(", ", problems));
            } else if (health != null) {
                fact("Diagnosis", "no problems detected");
            }
            out.append("</table>\n");
        }

        private void fact(String name, String value) {
            out.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
        }

        /** "dcgan (width=1, d-norm=batch)" from a {name, options} node. */
        private static String plugin(JsonNode p) {
            if (p == null || p.isNull()) {
                return "?";
            }
            if (!p.isObject()) {
                return p.asText();
            }
            StringBuilder s = new StringBuilder(p.path("name").asText("?"));
            JsonNode options = p.get("options");
            if (options != null && options.isObject() && !options.isEmpty()) {
                List<String> kv = new ArrayList<>();
                options.fields().forEachRemaining(e -> kv.add(e.getKey() + "=" + e.getValue().asText()));
                s.append(" (").append(String.join(", ", kv)).append(")");
            }
            return s.toString();
        }

        private String length() {
            JsonNode c = config == null ? null : config.node();
            long plannedEpochs = c == null ? 0 : c.path("epochs").asLong(0);
            long plannedSteps = c == null ? 0 : c.path("steps").asLong(0);
            StringBuilder s = new StringBuilder();
            if (metrics != null && !metrics.rows().isEmpty()) {
                double[] last = metrics.rows().get(metrics.rows().size() - 1);
                long epoch = (long) last[metrics.columns().indexOf("epoch")];
                s.append("epoch ").append(epoch);
                if (plannedSteps == 0 && plannedEpochs > 0) {
                    s.append(" of ").append(plannedEpochs);
                }
                if (metrics.has("step")) {
                    s.append(", step ").append((long) last[metrics.columns().indexOf("step")]);
                    if (plannedSteps > 0) {
                        s.append(" of ").append(plannedSteps);
                    }
                }
            } else {
                s.append("no epoch finished yet");
                if (plannedEpochs > 0 || plannedSteps > 0) {
                    s.append(" (planned: ").append(plannedSteps > 0 ? plannedSteps + " steps" : plannedEpochs + " epochs")
                            .append(")");
                }
            }
            s.append("; ").append(finished() ? "finished" : "in progress or stopped");
            return s.toString();
        }

        /** A run is finished when its final weights exist and run.json counts its steps. */
        private boolean finished() {
            return Files.isRegularFile(dir.resolve("checkpoints").resolve("final").resolve("generator.params"))
                    && info != null && info.node() != null && info.node().path("steps").asLong(0) > 0;
        }

        private String finalMetrics() {
            if (metrics == null || metrics.rows().isEmpty()) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (String name : metrics.columns()) {
                if (name.equals("epoch") || name.equals("step") || name.equals("seconds") || name.equals("rss_mib")
                        || !metrics.hasData(name)) {
                    continue;
                }
                parts.add(name + " " + Html.number(metrics.last(name)));
            }
            return String.join(", ", parts);
        }

        private JsonNode latestEvaluation() {
            List<JsonNode> all = allEvaluations();
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        /** evaluations.jsonl's entries, then eval.json's unless it repeats one of them. */
        private List<JsonNode> allEvaluations() {
            List<JsonNode> all = new ArrayList<>(evaluations == null ? List.of() : evaluations);
            if (evalJson != null && evalJson.node() != null && !all.contains(evalJson.node())) {
                all.add(evalJson.node());
            }
            return all;
        }

        private static String metricSummary(JsonNode m) {
            if (m == null || !m.isObject()) {
                return "no metrics";
            }
            List<String> parts = new ArrayList<>();
            m.fields().forEachRemaining(e -> {
                if (!e.getKey().endsWith("_std")) {
                    parts.add(e.getKey() + " " + value(e.getValue()));
                }
            });
            return String.join(", ", parts);
        }

        // ---------------------------------------------------------------- sections

        private void section(String id, String heading) {
            out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
        }

        private void endSection() {
            out.append("</section>\n");
        }

        private void note(String text) {
            out.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        }

        /**
         * A chart's series for every column of a table whose name ends with a suffix, in the
         * file's order (for the adversarial game: d, then g), each named from its prefix.
         */
        private static List<Charts.Series> seriesEndingWith(CsvTable t, String x, String suffix,
                Function<String, String> name) {
            List<Charts.Series> out = new ArrayList<>();
            for (String c : t.columns()) {
                if (c.endsWith(suffix) && t.hasData(c)) {
                    out.add(series(t, x, c, name.apply(c.substring(0, c.length() - suffix.length()))));
                }
            }
            return out;
        }

        /** An update's name for people: the adversarial game's d and g by their networks, others as named. */
        private static String update(String prefix) {
            return switch (prefix) {
                case "d" -> "discriminator";
                case "g" -> "generator";
                default -> prefix.replace('_', '-');
            };
        }

        /** A pair's prefix in a label: nothing for a game of one pair (columns without a pair's name). */
        private static String pair(String prefix, String what) {
            return prefix.isEmpty() || prefix.equals("d") ? what : prefix.replace('_', '-') + " " + what;
        }

        private void losses() {
            section("losses", "Losses");
            List<Charts.Series> perStep = health == null ? List.of() : seriesEndingWith(health, "step", "_loss", Page::update);
            List<Charts.Series> perEpoch =
                    metrics == null ? List.of() : seriesEndingWith(metrics, "epoch", "_loss", Page::update);
            if (!perStep.isEmpty()) {
                chart(new Charts.Spec("Losses per step", "step", "loss", null, perStep, false, null, null),
                        "Per step, from health.csv.");
            } else if (!perEpoch.isEmpty()) {
                chart(new Charts.Spec("Mean losses per epoch", "epoch", "loss", null, perEpoch, false, null, null),
                        "Epoch means, from metrics.csv (this run has no per-step health.csv).");
            } else {
                note("No losses recorded yet: there is no metrics.csv or health.csv with rows.");
            }
            endSection();
        }

        private void discriminator() {
            section("discriminator", "Discriminator accuracy");
            if (health == null) {
                note(NO_HEALTH);
            } else {
                boolean any = false;
                List<Charts.Series> accuracy = new ArrayList<>();
                for (String c : health.columns()) {
                    if (c.endsWith("_real_accuracy") && health.hasData(c)) {
                        accuracy.add(series(health, "step", c, pair(c.substring(0, c.length() - 14), "on real")));
                    } else if (c.endsWith("_fake_accuracy") && health.hasData(c)) {
                        accuracy.add(series(health, "step", c, pair(c.substring(0, c.length() - 14), "on fake")));
                    }
                }
                if (!accuracy.isEmpty()) {
                    chart(new Charts.Spec("Discriminator accuracy", "step", "accuracy", null, accuracy, false, 0.0, 1.0),
                            "The share of real (fake) samples the discriminator classed as real (fake). Near 1 on both:"
                                    + " the discriminator wins; near 0.5: it cannot tell them apart.");
                    any = true;
                }
                List<Charts.Series> scores = new ArrayList<>();
                for (String c : health.columns()) {
                    if ((c.endsWith("real_score") || c.endsWith("fake_score")) && health.hasData(c)) {
                        String prefix = c.length() > 10 ? c.substring(0, c.length() - 11) : "";
                        scores.add(series(health, "step", c, pair(prefix, c.endsWith("real_score") ? "real" : "fake")));
                    }
                }
                if (!scores.isEmpty()) {
                    chart(new Charts.Spec("Discriminator scores", "step", "mean raw output", null, scores, false, null, null),
                            "Mean raw discriminator outputs on real and generated batches.");
                    any = true;
                }
                if (!any) {
                    note("health.csv has no discriminator accuracy or score values.");
                }
            }
            endSection();
        }

        private void gradients() {
            section("gradients", "Gradient norms");
            List<Charts.Series> norms = health == null ? List.of() : seriesEndingWith(health, "step", "_grad_norm", Page::update);
            if (health == null) {
                note(NO_HEALTH);
            } else if (!norms.isEmpty()) {
                chart(new Charts.Spec("Gradient norms (log scale)", "step", "global L2 norm", null, norms, true, null, null),
                        "Global L2 norms of the gradients before each optimizer step. A generator norm falling by"
                                + " orders of magnitude means vanishing gradients; a rising one, divergence.");
            } else {
                note("health.csv has no gradient norms.");
            }
            endSection();
        }

        private static final String NO_HEALTH = "No health.csv in this run: the health monitor did not run"
                + " (runs from before it existed have none), so there are no per-step curves.";

        private void metricCurves() {
            section("metrics", "Metrics");
            if (metrics == null || metrics.rows().isEmpty()) {
                note("No metrics yet: metrics.csv has no rows (no epoch has finished).");
                endSection();
                return;
            }
            List<String> measured = new ArrayList<>();
            List<String> unmeasured = new ArrayList<>();
            for (String c : metrics.columns()) {
                if (!NOT_METRICS.contains(c) && !c.endsWith("_loss")) {
                    (metrics.hasData(c) ? measured : unmeasured).add(c);
                }
            }
            Set<String> drawn = new LinkedHashSet<>();
            for (String name : measured) {
                if (drawn.contains(name) || (name.endsWith("_std")
                        && measured.contains(name.substring(0, name.length() - 4)))) {
                    continue;
                }
                List<String> group = new ArrayList<>();
                for (List<String> family : FAMILIES) {
                    if (family.contains(name)) {
                        family.stream().filter(measured::contains).forEach(group::add);
                    }
                }
                if (group.isEmpty()) {
                    group.add(name);
                }
                for (String g : List.copyOf(group)) {
                    if (measured.contains(g + "_std")) {
                        group.add(g + "_std");
                    }
                }
                drawn.addAll(group);
                List<Charts.Series> series = new ArrayList<>();
                for (String g : group) {
                    series.add(series(metrics, "epoch", g, g));
                }
                chart(new Charts.Spec(TITLES.getOrDefault(group.get(0), group.get(0)), "epoch",
                        String.join(", ", group), null, series, false, null, null), null);
            }
            if (measured.isEmpty()) {
                note("metrics.csv holds no evaluation metric with a value.");
            }
            if (!unmeasured.isEmpty()) {
                note("Not measured in this run (every value nan): " + String.join(", ", unmeasured) + ".");
            }
            if (metrics.hasData("seconds") || metrics.hasData("rss_mib")) {
                out.append("<h3>Resources</h3>\n");
                chart(new Charts.Spec("Time and memory", "epoch", "seconds", "resident memory (MiB)", List.of(
                        series(metrics, "epoch", "seconds", "elapsed seconds"),
                        new Charts.Series("resident memory (MiB)", col(metrics, "epoch"), col(metrics, "rss_mib"), true)),
                        false, null, null),
                        "Seconds since the start of training at each epoch's end (left axis), and the process's"
                                + " resident memory (right axis): steady growth would show a native-memory leak.");
            }
            endSection();
        }

        private static Charts.Series series(CsvTable t, String x, String y, String name) {
            return new Charts.Series(name, col(t, x), col(t, y));
        }

        private static double[] col(CsvTable t, String name) {
            return t.has(name) ? t.column(name) : new double[0];
        }

        private void chart(Charts.Spec spec, String caption) {
            Charts.Drawn drawn;
            try {
                drawn = Charts.draw(spec);
            } catch (IOException | RuntimeException e) {
                note("The chart '" + spec.title() + "' could not be drawn: " + e);
                return;
            }
            if (drawn == null) {
                note("The chart '" + spec.title() + "' has no finite values to draw.");
                return;
            }
            out.append("<figure class=\"chart\"><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(drawn.png())).append("\" width=\"")
                    .append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT).append("\" alt=\"")
                    .append(esc(spec.title())).append("\" title=\"")
                    .append(esc(spec.series().stream().map(Charts.Series::name).collect(Collectors.joining(", "))))
                    .append("\">");
            String text = caption == null ? "" : caption;
            if (drawn.bucket() > 1) {
                text += (text.isEmpty() ? "" : " ") + "Each point is the mean of " + drawn.bucket() + " rows.";
            }
            if (!text.isEmpty()) {
                out.append("<figcaption>").append(esc(text)).append("</figcaption>");
            }
            out.append("</figure>\n");
        }

        private void evaluationTable() {
            section("evaluations", "Evaluations");
            List<JsonNode> all = allEvaluations();
            if (all.isEmpty()) {
                note("No evaluations recorded (no evaluations.jsonl or eval.json): evaluation during training was off"
                        + " and `gan eval` has not been run on this run.");
                endSection();
                return;
            }
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode e : all) {
                JsonNode m = e.get("metrics");
                if (m != null && m.isObject()) {
                    m.fieldNames().forEachRemaining(names::add);
                }
            }
            names.removeIf(n -> n.endsWith("_std") && names.contains(n.substring(0, n.length() - 4)));
            out.append("<div class=\"scroll\"><table class=\"data\">\n<thead><tr><th>time</th><th>source</th>")
                    .append("<th>step</th><th>epoch</th><th>samples</th><th>reference</th><th>features</th>");
            for (String n : names) {
                out.append("<th>").append(esc(n)).append("</th>");
            }
            out.append("</tr></thead>\n<tbody>\n");
            for (JsonNode e : all) {
                out.append("<tr>");
                cell(text(e, "time"));
                cell(text(e, "source"));
                cell(text(e, "step"));
                cell(text(e, "epoch"));
                cell(text(e, "samples"));
                String reference = text(e, "reference");
                if (e.hasNonNull("referenceSamples")) {
                    reference += " (" + text(e, "referenceSamples") + " samples)";
                }
                cell(reference);
                cell(text(e, "features"));
                JsonNode m = e.path("metrics");
                for (String n : names) {
                    JsonNode v = m.get(n);
                    String s = v == null || v.isNull() ? "" : value(v);
                    JsonNode std = m.get(n + "_std");
                    if (std != null && !std.isNull()) {
                        s += " ± " + value(std);
                    }
                    out.append("<td class=\"num\">").append(esc(s)).append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody></table></div>\n");
            endSection();
        }

        private void cell(String s) {
            out.append("<td>").append(esc(s)).append("</td>");
        }

        private static String value(JsonNode v) {
            if (v.isNumber()) {
                return Html.number(v.asDouble());
            }
            return v.asText();
        }

        private void samples() {
            section("samples", "Samples");
            List<Grid> grids = grids();
            if (grids.isEmpty()) {
                note("No sample grids yet (samples/epoch-NNN.png is written at the end of each epoch).");
                endSection();
                return;
            }
            List<Grid> shown = choose(grids, MAX_GRIDS);
            out.append("<p>").append(shown.size() == grids.size()
                    ? "Every epoch's samples, generated from the same noise throughout."
                    : "Generated from the same noise throughout; " + shown.size() + " of " + grids.size()
                            + " epochs shown, evenly spaced, and the last.").append("</p>\n<div class=\"grids\">\n");
            for (Grid g : shown) {
                embedGrid(g);
            }
            out.append("</div>\n");
            endSection();
        }

        private List<Grid> grids() {
            Path samples = dir.resolve("samples");
            if (!Files.isDirectory(samples)) {
                return List.of();
            }
            TreeMap<Integer, Grid> byEpoch = new TreeMap<>();
            try (Stream<Path> files = Files.list(samples)) {
                for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                    Path f = it.next();
                    Matcher m = GRID_FILE.matcher(f.getFileName().toString());
                    if (m.matches() && m.group(1).length() <= 9) {
                        byEpoch.put(Integer.parseInt(m.group(1)), new Grid(Integer.parseInt(m.group(1)), f));
                    }
                }
            } catch (IOException e) {
                notes.add("samples/ cannot be listed (" + e.getMessage() + ").");
            }
            return new ArrayList<>(byEpoch.values());
        }

        private void embedGrid(Grid g) {
            String name = "samples/" + g.file().getFileName();
            byte[] png;
            try {
                png = Files.readAllBytes(g.file());
            } catch (IOException e) {
                notes.add(name + " cannot be read (" + e.getMessage() + "); left out.");
                return;
            }
            int width = pngWidth(png);
            int height = pngHeight(png);
            if (width <= 0 || height <= 0) {
                notes.add(name + " is malformed: it is not a PNG image; left out.");
                return;
            }
            if (width > MAX_GRID_WIDTH) {
                try {
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                    if (image == null) {
                        throw new IOException("not an image ImageIO can read");
                    }
                    int h = Math.max(1, (int) Math.round((double) image.getHeight() * MAX_GRID_WIDTH / image.getWidth()));
                    BufferedImage small = new BufferedImage(MAX_GRID_WIDTH, h, BufferedImage.TYPE_INT_RGB);
                    java.awt.Graphics2D g2 = small.createGraphics();
                    g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g2.drawImage(image, 0, 0, MAX_GRID_WIDTH, h, null);
                    g2.dispose();
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    ImageIO.write(small, "png", bytes);
                    png = bytes.toByteArray();
                    width = MAX_GRID_WIDTH;
                    height = h;
                } catch (IOException | RuntimeException e) {
                    notes.add(name + " is malformed: " + firstLine(e.getMessage()) + "; left out.");
                    return;
                }
            }
            // Small grids are shown at twice their size, pixel for pixel, so that 28x28 tiles can be judged.
            int zoom = width <= 320 ? 2 : 1;
            out.append("<figure class=\"grid\"><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\" width=\"").append(width * zoom)
                    .append("\" height=\"").append(height * zoom).append("\"")
                    .append(zoom > 1 ? " class=\"pixelated\"" : "").append(" alt=\"samples after epoch ")
                    .append(g.epoch()).append("\"><figcaption>epoch ").append(g.epoch()).append("</figcaption></figure>\n");
        }

        private void diagnosis() {
            section("diagnosis", "Diagnosis");
            if (diagnoses == null || diagnoses.isEmpty()) {
                if (health != null) {
                    out.append("<p class=\"ok\">No problems detected");
                    if (!health.rows().isEmpty()) {
                        double[] steps = health.column("step");
                        out.append(" (health monitored from step ").append(Html.number(steps[0])).append(" to step ")
                                .append(Html.number(steps[steps.length - 1])).append(")");
                    }
                    out.append(".</p>\n");
                } else {
                    note("The health monitor did not run for this run (no health.csv), so there is no diagnosis.");
                }
                endSection();
                return;
            }
            out.append("<ol class=\"timeline\">\n");
            for (JsonNode d : diagnoses) {
                out.append("<li><p class=\"when\">step ").append(esc(text(d, "step"))).append(", epoch ")
                        .append(esc(text(d, "epoch"))).append(" · <code>").append(esc(text(d, "problem")))
                        .append("</code></p>\n<h3>")
                        .append(esc(d.hasNonNull("title") ? d.get("title").asText() : text(d, "problem")))
                        .append("</h3>\n");
                if (d.hasNonNull("evidence")) {
                    out.append("<p class=\"evidence\">").append(esc(d.get("evidence").asText())).append("</p>\n");
                }
                JsonNode remedies = d.get("remedies");
                if (remedies != null && !remedies.isNull()) {
                    out.append("<p>Remedies:</p>\n<ul class=\"remedies\">\n");
                    if (remedies.isArray()) {
                        // A remedy is an object with its text (or, in runs before remedies had
                        // structure, the text itself).
                        remedies.forEach(r -> out.append("<li>").append(esc(r.isObject() ? r.path("text").asText()
                                : r.asText())).append("</li>\n"));
                    } else {
                        out.append("<li>").append(esc(remedies.asText())).append("</li>\n");
                    }
                    out.append("</ul>\n");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
            endSection();
        }

        private void configSection() {
            section("config", "Config");
            jsonBlock("config.json", config, "the resolved configuration: enough to reproduce the run");
            jsonBlock("run.json", info, "what the networks were built for");
            endSection();
        }

        private void jsonBlock(String name, Json json, String what) {
            out.append("<h3>").append(esc(name)).append("</h3>\n");
            if (json == null) {
                note(name + " is missing.");
                return;
            }
            String text = json.text();
            if (json.node() != null) {
                try {
                    text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json.node());
                } catch (IOException e) {
                    text = json.text(); // shown as written
                }
            } else {
                note(name + " is malformed; shown as written.");
            }
            out.append("<p>").append(esc(what)).append("</p>\n<pre>").append(esc(text)).append("</pre>\n");
        }

        // ---------------------------------------------------------------- helpers

        /** A field of a JSON tree as text; "?" when missing. */
        private static String text(Json json, String... path) {
            return json == null ? "?" : text(json.node(), path);
        }

        private static String text(JsonNode node, String... path) {
            JsonNode n = node;
            for (String p : path) {
                if (n == null) {
                    break;
                }
                n = n.get(p);
            }
            return n == null || n.isNull() || n.isContainerNode() ? "?" : n.asText();
        }

        private static String esc(String s) {
            return Html.escape(s);
        }
    }

    /**
     * At most {@code max} grids: all when there are few, else evenly spaced ones and the last.
     *
     * @param all the grids in epoch order
     * @param max how many to keep, at least 2
     * @return the ones to show, in order
     */
    static <T> List<T> choose(List<T> all, int max) {
        int n = all.size();
        if (n <= max) {
            return all;
        }
        Set<Integer> picked = new LinkedHashSet<>();
        for (int i = 0; i < max - 1; i++) {
            picked.add((int) Math.round((double) i * (n - 1) / (max - 1)));
        }
        picked.add(n - 1);
        List<T> out = new ArrayList<>();
        picked.stream().sorted().forEach(i -> out.add(all.get(i)));
        return out;
    }

    /** The width in a PNG's IHDR chunk; -1 when the bytes are not a PNG. */
    static int pngWidth(byte[] png) {
        return isPng(png) ? readInt(png, 16) : -1;
    }

    /** The height in a PNG's IHDR chunk; -1 when the bytes are not a PNG. */
    static int pngHeight(byte[] png) {
        return isPng(png) ? readInt(png, 20) : -1;
    }

    private static boolean isPng(byte[] b) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (b.length < 24) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (b[i] != signature[i]) {
                return false;
            }
        }
        return b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R';
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;\
            padding:1em 1.5em;color:#222;line-height:1.4}
            h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
            h3{margin:1em 0 .3em}.dir{color:#666;margin-top:0;word-break:break-all}
            table.facts th{text-align:left;padding-right:1em;vertical-align:top;white-space:nowrap}
            table.facts td{word-break:break-word}
            nav{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #eee}
            nav a{margin-right:.8em;color:#0b5cad;text-decoration:none}
            .note{color:#555;background:#f6f6f6;border-left:3px solid #bbb;padding:.4em .7em}
            #notes{background:#fff8e1;border:1px solid #f0d48a;padding:0 1em .5em}
            .ok{color:#1b6e20;font-weight:600}
            figure{margin:.8em 0}figure.chart img{max-width:100%;height:auto}
            figcaption{color:#555;font-size:.9em}
            .grids{display:flex;flex-wrap:wrap;gap:1em}.grids figure{margin:0;text-align:center}
            .grids img{max-width:100%;height:auto}img.pixelated{image-rendering:pixelated}
            .scroll{overflow-x:auto}table.data{border-collapse:collapse;font-size:.9em}
            table.data th,table.data td{border:1px solid #ddd;padding:.25em .5em}
            table.data th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
            ol.timeline{list-style:none;padding-left:0}
            ol.timeline>li{border-left:4px solid #d9534f;padding:.3em .9em;margin:.8em 0;background:#fdf4f4}
            ol.timeline h3{margin:.1em 0 .3em}.when{color:#666;margin:0}
            pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}
            footer{color:#888;font-size:.85em;margin-top:2em;border-top:1px solid #eee;padding-top:.5em}
            """;
}
