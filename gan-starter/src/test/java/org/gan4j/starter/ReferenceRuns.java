package org.gan4j.starter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The reference runs {@link ReferenceRunsTest} compares with: the fixtures in {@code
 * reference-runs/}, made by gan4j at commit {@value #COMMIT} on the machine {@code machine.txt}
 * names; or, on a machine whose CPU differs (its floating-point kernels sum differently, so the
 * bits differ even for the same code), the same runs made again here by that commit's {@code gan}
 * command, built from the repository's history.
 */
final class ReferenceRuns {

    /** The commit whose trainer made the references: the last before games were plugins. */
    static final String COMMIT = "f1e4a38";

    /** The CPU features that choose libtorch's and MKL's kernels. */
    private static final Set<String> FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
            "avx512vl", "avx512dq", "avx512cd", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16",
            "amx_int8");

    private ReferenceRuns() {}

    /** @return the fixtures' folder in the test resources */
    static Path fixtures() throws URISyntaxException {
        return Path.of(ReferenceRuns.class.getResource("/reference-runs/README.md").toURI()).getParent();
    }

    /**
     * This machine's CPU as it matters to the bits of a run: vendor, model, family and the vector
     * instruction sets.
     *
     * @return one line
     * @throws IOException if /proc/cpuinfo cannot be read
     */
    static String machine() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isRegularFile(cpuinfo)) {
            return System.getProperty("os.arch") + "; " + System.getProperty("os.name");
        }
        List<String> lines = Files.readAllLines(cpuinfo);
        Set<String> flags = new TreeSet<>();
        for (String f : field(lines, "flags").split("\\s+")) {
            if (FLAGS.contains(f)) {
                flags.add(f);
            }
        }
        return field(lines, "vendor_id") + "; " + field(lines, "model name") + "; family " + field(lines, "cpu family")
                + "; " + String.join(" ", flags);
    }

    private static String field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
    }

    /**
     * The references for this machine: the fixtures when it is the machine they were made on, else
     * made here once a build (cached in target/).
     *
     * @return a folder with one folder a case, each with weights.sha256, health.csv, metrics.csv
     */
    static Path forThisMachine() throws IOException, InterruptedException, URISyntaxException {
        Path fixtures = fixtures();
        String machine = machine();
        if (machine.equals(Files.readString(fixtures.resolve("machine.txt")).strip())) {
            return fixtures;
        }
        Path out = Path.of("target", "reference-runs-" + sha256(machine.getBytes(StandardCharsets.UTF_8)).substring(0, 12))
                .toAbsolutePath();
        if (!Files.isRegularFile(out.resolve("complete"))) {
            regenerate(fixtures, out);
        }
        return out;
    }

    /** Builds the reference commit from the repository's history and runs every case with its gan command. */
    private static void regenerate(Path fixtures, Path out) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        if (run(root, "git", "cat-file", "-e", COMMIT + "^{commit}") != 0) {
            throw new AssertionError("the reference runs were made on another CPU (" + Files.readString(
                    fixtures.resolve("machine.txt")).strip() + "; this one is " + machine() + "), and making them again"
                    + " here needs commit " + COMMIT + " in the repository's history: clone it whole (no --depth)");
        }
        Path source = out.resolveSibling(out.getFileName() + "-source");
        delete(source);
        delete(out);
        Files.createDirectories(source);
        check(run(root, "bash", "-c", "git archive " + COMMIT + " | tar -x -C '" + source + "'"), "git archive " + COMMIT);
        // Offline: the reference commit needs no dependency the current build has not fetched.
        check(run(source, "mvn", "-B", "-o", "-q", "-DskipTests", "package"), "building commit " + COMMIT);
        for (Path c : cases(fixtures)) {
            Path dir = out.resolve(c.getFileName());
            Path run = dir.resolve("run");
            Files.createDirectories(dir);
            List<String> command = new ArrayList<>(List.of("bash", source.resolve("gan").toString(), "train"));
            command.addAll(List.of(Files.readString(c.resolve("cli-args.txt")).strip().split("\\s+")));
            command.addAll(List.of("--threads", "1", "--eval-every", "0", "--quiet", "--out", run.toString()));
            check(run(source, command.toArray(String[]::new)), "the reference run " + c.getFileName());
            write(run, dir);
        }
        Files.writeString(out.resolve("complete"), machine() + "\n");
    }

    /** A finished run's reference files: digests of its final and last checkpoint's weights, its CSVs. */
    private static void write(Path run, Path dir) throws IOException {
        Path checkpoints = run.resolve("checkpoints");
        Path last;
        try (Stream<Path> s = Files.list(checkpoints)) {
            last = s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(checkpoints.resolve("final"))) {
            for (Path f : s.sorted().toList()) {
                lines.add(sha256(Files.readAllBytes(f)) + "  final/" + f.getFileName());
            }
        }
        try (Stream<Path> s = Files.list(last)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".params") || p.toString().endsWith(".ndlist")).sorted()
                    .toList()) {
                lines.add(sha256(Files.readAllBytes(f)) + "  last/" + f.getFileName());
            }
        }
        Files.write(dir.resolve("weights.sha256"), lines);
        Files.copy(run.resolve("health.csv"), dir.resolve("health.csv"));
        Files.writeString(dir.resolve("metrics.csv"), withoutTimeAndMemory(run.resolve("metrics.csv")));
    }

    /** metrics.csv without its last two columns, seconds and rss_mib. */
    static String withoutTimeAndMemory(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream()
                .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** @return the cases' folders, sorted */
    static List<Path> cases(Path fixtures) throws IOException {
        try (Stream<Path> dirs = Files.list(fixtures)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        throw new AssertionError("not inside a git repository: the reference runs for this CPU are made from its history");
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 30 minutes");
        }
        if (p.exitValue() != 0) {
            System.err.print(new String(output, StandardCharsets.UTF_8));
        }
        return p.exitValue();
    }

    private static void check(int code, String what) {
        if (code != 0) {
            throw new AssertionError(what + " failed with exit code " + code + " (its output is above)");
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
