package org.gan4j.core.run;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gan4j.api.GanException;
import org.gan4j.api.config.TrainConfig;
import org.gan4j.core.config.ConfigFiles;
import org.gan4j.core.io.AtomicFiles;

/**
 * A run directory and the files in it: {@code config.json} (the resolved config, enough to
 * reproduce the run), {@code run.json} (what the networks were built for), {@code metrics.csv},
 * {@code samples/} and {@code checkpoints/}.
 */
public final class RunDirectory {

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates a run directory for a new run.
     *
     * @param root the directory
     * @param force whether an existing, non-empty directory may be reused
     * @return the run directory
     * @throws GanException if the directory exists without {@code force}, or cannot be created
     *     or written
     */
    public static RunDirectory create(Path root, boolean force) {
        if (Files.isRegularFile(root)) {
            throw new GanException("--out " + root + " is a file; give a directory");
        }
        if (Files.isDirectory(root) && !force && !isEmpty(root)) {
            throw new GanException(
                    "--out " + root + " already exists and is not empty; choose another --out or add --force");
        }
        try {
            Files.createDirectories(root.resolve("samples"));
            Files.createDirectories(root.resolve("checkpoints"));
            Path probe = Files.createTempFile(root, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new GanException(
                    "cannot write to --out " + root + ": permission denied (" + e.getFile()
                            + "); choose a writable directory", e);
        } catch (FileSystemException e) {
            throw new GanException(
                    "cannot create --out " + root + ": " + reason(e) + "; choose a writable directory", e);
        } catch (IOException e) {
            throw new GanException("cannot create --out " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    /**
     * Opens the directory of a finished run.
     *
     * @param root the directory
     * @return the run directory
     * @throws GanException if it is not a gan4j run with trained weights
     */
    public static RunDirectory open(Path root) {
        RunDirectory run = new RunDirectory(root);
        if (!Files.isDirectory(root)) {
            throw new GanException("--run " + root + (Files.exists(root) ? " is not a directory" : " does not exist")
                    + "; give the --out of a finished `gan train`");
        }
        if (!Files.isRegularFile(run.configFile()) || !Files.isRegularFile(run.infoFile())) {
            throw new GanException(
                    "--run " + root + " is not a gan4j run (no config.json and run.json); give the --out of a `gan train`");
        }
        Path product = run.finalNetworkFile(run.readInfo().productRole());
        if (!Files.isRegularFile(product)) {
            throw new GanException(
                    "--run " + root + " has no trained " + run.readInfo().productRole() + " (" + root.relativize(product)
                            + "); the run did not finish");
        }
        return run;
    }

    /**
     * Opens a run to continue it, finished or not.
     *
     * @param root the directory
     * @return the run directory
     * @throws org.gan4j.api.ConfigException if it is not a gan4j run
     */
    public static RunDirectory openForResume(Path root) {
        RunDirectory run = new RunDirectory(root);
        if (!Files.isDirectory(root)) {
            throw new org.gan4j.api.ConfigException("--resume " + root
                    + (Files.exists(root) ? " is not a directory" : " does not exist")
                    + "; give the --out of an earlier `gan train`");
        }
        if (!Files.isRegularFile(run.configFile()) || !Files.isRegularFile(run.infoFile())) {
            throw new org.gan4j.api.ConfigException("--resume " + root
                    + " is not a gan4j run (no config.json and run.json); give the --out of an earlier `gan train`");
        }
        return run;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() + " (" + e.getFile() + ")" : e.toString();
    }

    /** @return the directory */
    public Path root() {
        return root;
    }

    /** @return {@code config.json} */
    public Path configFile() {
        return root.resolve("config.json");
    }

    /** @return {@code run.json} */
    public Path infoFile() {
        return root.resolve("run.json");
    }

    /** @return {@code metrics.csv} */
    public Path metricsFile() {
        return root.resolve("metrics.csv");
    }

    /** @return the folder of per-epoch sample pictures */
    public Path samplesDir() {
        return root.resolve("samples");
    }

    /** @return {@code checkpoints/final}, where the networks' final weights are saved */
    public Path finalDir() {
        return root.resolve("checkpoints").resolve("final");
    }

    /**
     * A network's final weights.
     *
     * @param role the network's role in the game, e.g. {@code generator}
     * @return {@code checkpoints/final/<role>.params}
     */
    public Path finalNetworkFile(String role) {
        return finalDir().resolve(Checkpoints.networkFile(role));
    }

    /**
     * The final moving average of a network's weights, when the run kept one.
     *
     * @param role the averaged network's role
     * @return {@code checkpoints/final/<role>-ema.params}
     */
    public Path finalAverageFile(String role) {
        return finalDir().resolve(Checkpoints.averageFile(role));
    }

    /** @return {@code generator.onnx}, where the trained product is exported */
    public Path onnxFile() {
        return root.resolve("generator.onnx");
    }

    /**
     * Writes the resolved config.
     *
     * @param config the config
     */
    public void writeConfig(TrainConfig config) {
        try {
            ConfigFiles.write(configFile(), config);
        } catch (IOException e) {
            throw new GanException("cannot write " + configFile() + ": " + e.getMessage(), e);
        }
    }

    /** @return the run's config, validated */
    public TrainConfig readConfig() {
        return ConfigFiles.read(configFile(), TrainConfig.builder().build());
    }

    /**
     * Writes {@code run.json}.
     *
     * @param info what the networks were built for
     */
    public void writeInfo(RunInfo info) {
        try {
            AtomicFiles.writeString(
                    infoFile(), ConfigFiles.mapper().writeValueAsString(info) + "\n");
        } catch (IOException e) {
            throw new GanException("cannot write " + infoFile() + ": " + e.getMessage(), e);
        }
    }

    /** @return the contents of {@code run.json} */
    public RunInfo readInfo() {
        try {
            return ConfigFiles.mapper().readValue(infoFile().toFile(), RunInfo.class);
        } catch (IOException e) {
            throw new GanException(infoFile() + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Saves a block's parameters atomically.
     *
     * @param block the block
     * @param file where
     */
    public static void saveParameters(Block block, Path file) {
        try {
            AtomicFiles.write(file, out -> block.saveParameters(new DataOutputStream(out)));
        } catch (IOException e) {
            throw new GanException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a block's parameters; the block must have been built for the same spec.
     *
     * @param block the block
     * @param manager the manager to hold the arrays
     * @param file where
     */
    public static void loadParameters(Block block, NDManager manager, Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new GanException(
                    "cannot load " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + "; the file is damaged or was written for another architecture", e);
        }
    }
}
