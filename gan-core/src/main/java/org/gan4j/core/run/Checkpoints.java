package org.gan4j.core.run;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gan4j.api.GanException;
import org.gan4j.core.config.ConfigFiles;
import org.gan4j.core.optim.Adam;

/**
 * A run's checkpoints: {@code checkpoints/step-NNNNNNNNNN/}, each holding every network of the
 * game ({@code <role>.params}, batch norm's running statistics included), the product's moving
 * average ({@code <role>-ema.params}), every optimizer's moments ({@code <name>-adam.ndlist}), the
 * game's own state ({@code game-state.ndlist}, when it keeps any), the config, and {@code
 * state.json} with the counters and the size and SHA-256 of every file.
 *
 * <p>A checkpoint is written into a hidden temporary folder, each file synced to disk, and only
 * then renamed into place (and the parent folder synced), so a crash or a full disk during a write
 * leaves the previous checkpoints as they were: the temporary folder is ignored and removed later.
 * On resume, a checkpoint whose files do not match their recorded sizes and digests (truncated by
 * hand, say) is skipped for the one before it.
 *
 * <p>Everything else a run needs to continue exactly is a function of the step: random draws come
 * from streams keyed by (seed, purpose, step), the data order from (seed, epoch), and the engine's
 * generator (dropout) is reseeded each step.
 */
public final class Checkpoints {

    /** The state file of a checkpoint. */
    public static final String STATE = "state.json";
    /** The game's own state in a checkpoint, when it keeps any. */
    static final String GAME_STATE = "game-state.ndlist";

    private static final Pattern NAME = Pattern.compile("step-(\\d{10})");
    private static final String CONFIG = "config.json";

    /**
     * Fault injection for tests of crash safety: milliseconds to sleep after each file of a
     * checkpoint is written, so that a test can kill the process mid-write.
     */
    static final String PAUSE_PROPERTY = "gan4j.checkpoint.pauseMillis";
    /**
     * Fault injection for tests of full disks: fail with "No space left on device" once this many
     * checkpoint files have been written by the process.
     */
    static final String FAIL_PROPERTY = "gan4j.checkpoint.failAfterFiles";

    private final Path dir;
    private final Path configFile;

    /**
     * The checkpoints of a run.
     *
     * @param run the run directory
     */
    public Checkpoints(RunDirectory run) {
        this.dir = run.root().resolve("checkpoints");
        this.configFile = run.configFile();
    }

    /**
     * The file of a network's weights in a checkpoint or {@code checkpoints/final}.
     *
     * @param role the network's role
     * @return its file name
     */
    public static String networkFile(String role) {
        return role + ".params";
    }

    /**
     * The file of a network's moving average.
     *
     * @param role the network's role
     * @return its file name
     */
    public static String averageFile(String role) {
        return role + "-ema.params";
    }

    private static String optimizerFile(String name) {
        return name + "-adam.ndlist";
    }

    /**
     * What a checkpoint says about the training it saved.
     *
     * @param step the steps completed
     * @param optimizerUpdates each optimizer's update count, by name
     * @param learningRateFactor the factor every learning rate was multiplied by (1 unless a
     *     divergence was rolled back)
     */
    public record State(long step, Map<String, Long> optimizerUpdates, double learningRateFactor) {

        /** Copies the counts. */
        public State {
            optimizerUpdates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optimizerUpdates));
        }
    }

    /**
     * What a checkpoint saves and restores: the game's networks by role, the moving averages by
     * role, the optimizers by name and the game's own state. Restoring copies into these.
     *
     * @param networks the networks, initialized
     * @param averages the moving averages of some networks (the product's), by the averaged role
     * @param optimizers the optimizers
     * @param gameState the game's state, encoded (empty for none); on restore, ignored
     */
    public record Contents(Map<String, Block> networks, Map<String, Block> averages, Map<String, Adam> optimizers,
            NDList gameState) {}

    /**
     * A checkpoint on disk.
     *
     * @param dir its folder
     * @param state its counters
     */
    public record Checkpoint(Path dir, State state) {

        /**
         * A network's weights in this checkpoint.
         *
         * @param role the network's role
         * @return the file
         */
        public Path networkFile(String role) {
            return dir.resolve(Checkpoints.networkFile(role));
        }

        /**
         * Loads the networks, averages and optimizers from this checkpoint.
         *
         * @param contents where to load them; the names must be the checkpoint's
         * @param manager where the networks' arrays live
         * @return the game's saved state, on the manager (empty when the game keeps none)
         * @throws GanException naming the file, if one is missing or does not fit
         */
        public NDList restore(Contents contents, NDManager manager) {
            contents.networks().forEach((role, block) -> replaceParameters(block, require(networkFile(role), role), manager));
            contents.averages().forEach((role, block) -> {
                Path ema = dir.resolve(averageFile(role));
                // A checkpoint written before the average was switched on starts it from the weights.
                replaceParameters(block, Files.isRegularFile(ema) ? ema : networkFile(role), manager);
            });
            contents.optimizers().forEach((name, adam) -> {
                Long updates = state.optimizerUpdates().get(name);
                if (updates == null) {
                    throw new GanException("checkpoint " + dir + " has no optimizer '" + name
                            + "'; it belongs to another game or architecture");
                }
                loadAdam(adam, require(dir.resolve(optimizerFile(name)), name), updates, manager);
            });
            Path game = dir.resolve(GAME_STATE);
            if (!Files.isRegularFile(game)) {
                return new NDList();
            }
            try (InputStream in = Files.newInputStream(game)) {
                return NDList.decode(manager, in);
            } catch (IOException | RuntimeException e) {
                throw new GanException("cannot load " + game + ": " + e.getMessage()
                        + "; the checkpoint is damaged or belongs to another game", e);
            }
        }

        private Path require(Path file, String what) {
            if (!Files.isRegularFile(file)) {
                throw new GanException("checkpoint " + dir + " has no " + file.getFileName() + " for '" + what
                        + "'; it belongs to another game or architecture");
            }
            return file;
        }

        /** Loads a block's parameters and frees the arrays they replace. */
        private static void replaceParameters(Block block, Path file, NDManager manager) {
            List<ai.djl.ndarray.NDArray> old = new ArrayList<>();
            block.getParameters().values().forEach(p -> old.add(p.getArray()));
            RunDirectory.loadParameters(block, manager, file);
            java.util.Set<ai.djl.ndarray.NDArray> current = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            block.getParameters().values().forEach(p -> current.add(p.getArray()));
            old.stream().filter(a -> !current.contains(a)).forEach(ai.djl.ndarray.NDArray::close);
        }

        private static void loadAdam(Adam adam, Path file, long updates, NDManager manager) {
            try (NDManager scratch = manager.newSubManager();
                    InputStream in = Files.newInputStream(file)) {
                adam.loadState(NDList.decode(scratch, in), updates);
            } catch (IOException | RuntimeException e) {
                throw new GanException("cannot load " + file + ": " + e.getMessage()
                        + "; the checkpoint is damaged or belongs to another architecture", e);
            }
        }
    }

    /**
     * Writes a checkpoint atomically and keeps only the newest {@code keep} of them.
     *
     * @param state the counters
     * @param contents the networks, averages, optimizers and game state to save
     * @param keep how many checkpoints to keep, at least 1
     * @return the checkpoint written
     * @throws GanException naming the checkpoint if it cannot be written; the earlier ones are intact
     */
    public Checkpoint write(State state, Contents contents, int keep) {
        String name = String.format("step-%010d", state.step());
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(".writing-" + name);
        try {
            Files.createDirectories(dir);
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            Map<String, FileInfo> files = new LinkedHashMap<>();
            FaultInjection faults = FaultInjection.fromSystemProperties();
            for (Map.Entry<String, Block> n : contents.networks().entrySet()) {
                String file = networkFile(n.getKey());
                files.put(file, writeFile(tmp.resolve(file), out -> save(n.getValue(), out), faults));
            }
            for (Map.Entry<String, Block> a : contents.averages().entrySet()) {
                String file = averageFile(a.getKey());
                files.put(file, writeFile(tmp.resolve(file), out -> save(a.getValue(), out), faults));
            }
            for (Map.Entry<String, Adam> o : contents.optimizers().entrySet()) {
                String file = optimizerFile(o.getKey());
                files.put(file, writeFile(tmp.resolve(file), out -> o.getValue().state().encode(out), faults));
            }
            if (contents.gameState() != null && !contents.gameState().isEmpty()) {
                files.put(GAME_STATE, writeFile(tmp.resolve(GAME_STATE), out -> contents.gameState().encode(out), faults));
            }
            byte[] config = Files.readAllBytes(configFile);
            files.put(CONFIG, writeFile(tmp.resolve(CONFIG), out -> out.write(config), faults));
            ObjectNode json = ConfigFiles.mapper().createObjectNode();
            json.put("step", state.step());
            ObjectNode updates = json.putObject("optimizers");
            state.optimizerUpdates().forEach(updates::put);
            json.put("learningRateFactor", state.learningRateFactor());
            ObjectNode list = json.putObject("files");
            files.forEach((file, info) -> list.putObject(file).put("bytes", info.bytes()).put("sha256", info.sha256()));
            byte[] stateBytes = (ConfigFiles.mapper().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
            writeFile(tmp.resolve(STATE), out -> out.write(stateBytes), faults);
            syncDirectory(tmp);
            // A checkpoint of this step may exist from an earlier attempt (a resumed run); replace it.
            if (Files.exists(target)) {
                Path old = dir.resolve(".replaced-" + name);
                deleteRecursively(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            try {
                deleteRecursively(tmp);
            } catch (IOException ignored) {
                // The failure being reported matters more; the folder is ignored on resume.
            }
            Optional<Checkpoint> previous = latest(m -> { });
            throw new GanException("cannot write checkpoint " + target + ": " + describe(e)
                    + (previous.isPresent()
                            ? "; the previous checkpoint " + previous.get().dir() + " is intact"
                            : "; no earlier checkpoint exists")
                    + "; free disk space or fix the folder's permissions, then 'gan train --resume "
                    + dir.getParent() + "'", e);
        }
        prune(keep);
        return new Checkpoint(target, state);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static void save(Block block, OutputStream out) throws IOException {
        block.saveParameters(new DataOutputStream(out));
    }

    /** Size and digest of a written file. */
    private record FileInfo(long bytes, String sha256) {}

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final java.util.concurrent.atomic.AtomicInteger FILES_WRITTEN = new java.util.concurrent.atomic.AtomicInteger();

    private record FaultInjection(long pauseMillis, int failAfterFiles) {
        /** No faults: copies made for the best checkpoint, which the tests' counts leave out. */
        static final FaultInjection NONE = new FaultInjection(0, -1);

        static FaultInjection fromSystemProperties() {
            return new FaultInjection(Long.getLong(PAUSE_PROPERTY, 0), Integer.getInteger(FAIL_PROPERTY, -1));
        }

        void afterFile() throws IOException {
            if (pauseMillis == 0 && failAfterFiles < 0) {
                return;
            }
            int written = FILES_WRITTEN.incrementAndGet();
            if (failAfterFiles >= 0 && written > failAfterFiles) {
                throw new IOException("No space left on device (simulated)");
            }
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static FileInfo writeFile(Path file, Content content, FaultInjection faults) throws IOException {
        MessageDigest sha = sha256();
        long bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CountingDigestStream out = new CountingDigestStream(Channels.newOutputStream(channel), sha);
            content.writeTo(out);
            out.flush();
            channel.force(true);
            bytes = out.count;
        }
        faults.afterFile();
        return new FileInfo(bytes, HexFormat.of().formatHex(sha.digest()));
    }

    /** Writes through, counting bytes and feeding the digest; the caller closes the channel. */
    private static final class CountingDigestStream extends OutputStream {
        private final OutputStream out;
        private final MessageDigest digest;
        private long count;

        CountingDigestStream(OutputStream out, MessageDigest digest) {
            this.out = new java.io.BufferedOutputStream(out, 1 << 16);
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void syncDirectory(Path directory) {
        // fsync of a directory makes its entries (the rename) durable; not every platform allows it.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    /** @return {@code checkpoints/best}, the checkpoint with the run's best main metric so far */
    public Path bestDir() {
        return dir.resolve("best");
    }

    /**
     * The main metric of the best checkpoint so far, from {@code best/best.json}.
     *
     * @return its score, or empty if there is no (whole) best checkpoint
     */
    public Optional<Double> bestScore() {
        Path file = bestDir().resolve("best.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigFiles.mapper().readTree(Files.readString(file)).get("score").asDouble());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes a checkpoint the best one: its files are linked (or copied) into a temporary folder, and
     * swapped in for the previous best with renames, so one of the two is always whole.
     *
     * @param checkpoint a checkpoint just written
     * @param metric the main metric's name, e.g. {@code class_accuracy}
     * @param value its value
     * @param score what the comparison used (higher is better)
     */
    public void markBest(Checkpoint checkpoint, String metric, double value, double score) {
        Path tmp = dir.resolve(".writing-best");
        Path old = dir.resolve(".replaced-best");
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            try (Stream<Path> files = Files.list(checkpoint.dir())) {
                for (Path f : files.toList()) {
                    Path target = tmp.resolve(f.getFileName().toString());
                    // A checkpoint's files are never changed after they are written (a newer one
                    // gets new files), so the best one can share them: a hard link costs no copy.
                    try {
                        Files.createLink(target, f);
                    } catch (UnsupportedOperationException | IOException e) {
                        writeFile(target, out -> Files.copy(f, out), FaultInjection.NONE);
                    }
                }
            }
            ObjectNode json = ConfigFiles.mapper().createObjectNode();
            json.put("step", checkpoint.state().step()).put("metric", metric).put("value", value).put("score", score);
            byte[] bytes = (ConfigFiles.mapper().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
            writeFile(tmp.resolve("best.json"), out -> out.write(bytes), FaultInjection.NONE);
            syncDirectory(tmp);
            deleteRecursively(old);
            if (Files.exists(bestDir())) {
                Files.move(bestDir(), old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, bestDir(), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
            deleteRecursively(old);
        } catch (IOException e) {
            throw new GanException("cannot write the best checkpoint " + bestDir() + ": " + describe(e)
                    + "; the checkpoint " + checkpoint.dir() + " is intact", e);
        }
    }

    /**
     * The newest checkpoint whose files are whole, skipping damaged ones.
     *
     * @param warnings told, in one line each, about every checkpoint skipped and why
     * @return the checkpoint, or empty if none is usable
     */
    public Optional<Checkpoint> latest(Consumer<String> warnings) {
        for (Path candidate : stepFolders()) {
            try {
                return Optional.of(verify(candidate));
            } catch (GanException e) {
                warnings.accept(e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The step-* folders, newest first. */
    List<Path> stepFolders() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new GanException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a checkpoint's files against its state file.
     *
     * @param folder the checkpoint's folder
     * @return the checkpoint
     * @throws GanException in one line, naming the file that does not match
     */
    static Checkpoint verify(Path folder) {
        Path stateFile = folder.resolve(STATE);
        JsonNode json;
        try {
            json = ConfigFiles.mapper().readTree(Files.readString(stateFile));
        } catch (IOException | RuntimeException e) {
            throw new GanException("checkpoint " + folder + " is damaged: cannot read " + STATE + " ("
                    + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + "); skipping it");
        }
        JsonNode files = json.get("files");
        if (files == null || !files.isObject() || !json.has("step")) {
            throw new GanException("checkpoint " + folder + " is damaged: " + STATE + " lacks its step or files; skipping it");
        }
        List<String> names = new ArrayList<>();
        files.fieldNames().forEachRemaining(names::add);
        if (!names.contains(CONFIG)) {
            throw new GanException("checkpoint " + folder + " is damaged: " + STATE + " lists no " + CONFIG + "; skipping it");
        }
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
                // state.json names files inside the checkpoint, never paths out of it.
                throw new GanException("checkpoint " + folder + " is damaged: " + STATE + " names a file outside it ('"
                        + name + "'); skipping it");
            }
            JsonNode info = files.get(name);
            Path file = folder.resolve(name);
            if (info == null || !Files.isRegularFile(file)) {
                throw new GanException("checkpoint " + folder + " is damaged: " + name + " is missing; skipping it");
            }
            try {
                long size = Files.size(file);
                if (size != info.get("bytes").asLong()) {
                    throw new GanException("checkpoint " + folder + " is damaged: " + name + " has " + size
                            + " bytes, " + info.get("bytes").asLong() + " were written; skipping it");
                }
                MessageDigest sha = sha256();
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                if (!HexFormat.of().formatHex(sha.digest()).equals(info.get("sha256").asText())) {
                    throw new GanException("checkpoint " + folder + " is damaged: " + name
                            + " does not match its recorded SHA-256; skipping it");
                }
            } catch (IOException e) {
                throw new GanException("checkpoint " + folder + " is damaged: cannot read " + name + " ("
                        + e.getMessage() + "); skipping it");
            }
        }
        Map<String, Long> updates = new LinkedHashMap<>();
        if (json.has("optimizers")) {
            json.get("optimizers").fields().forEachRemaining(e -> updates.put(e.getKey(), e.getValue().asLong()));
        } else {
            // Written before games were plugins: the adversarial game's two optimizers.
            updates.put("generator", json.path("generatorUpdates").asLong());
            updates.put("discriminator", json.path("discriminatorUpdates").asLong());
        }
        State state = new State(json.get("step").asLong(), updates, json.path("learningRateFactor").asDouble(1.0));
        return new Checkpoint(folder, state);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Keeps the newest {@code keep} checkpoints and removes leftovers of interrupted writes. */
    private void prune(int keep) {
        List<Path> folders = stepFolders();
        List<Path> remove = new ArrayList<>(folders.subList(Math.min(keep, folders.size()), folders.size()));
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().startsWith(".writing-")
                    || p.getFileName().toString().startsWith(".replaced-")).forEach(remove::add);
        } catch (IOException e) {
            return; // pruning is housekeeping; the checkpoint itself is written
        }
        for (Path p : remove) {
            try {
                deleteRecursively(p);
            } catch (IOException ignored) {
                // housekeeping only
            }
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
