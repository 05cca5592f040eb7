package org.gan4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.core.io.AtomicFiles;
import org.gan4j.core.io.NpyFiles;
import org.gan4j.core.plot.ImageGrids;
import org.gan4j.core.plot.ScatterPlots;
import org.gan4j.core.run.RunDirectory;
import org.gan4j.core.run.TrainedGenerator;
import org.gan4j.core.train.DjlEnvironment;
import org.gan4j.core.train.PluginCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan sample}: draws samples from a trained run's generator. The output's extension picks
 * the format: {@code .csv} (one sample a row), {@code .npy} (float32 [N, ...]), {@code .png} (a
 * grid of images, or a scatter plot for 2-D data).
 */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Draw samples from a trained generator. The --out extension picks the format:",
            ".csv (one sample a row), .npy (float32, [N, D] or [N, C, H, W]), .png (a grid of images, one",
            "row per class for conditional models, or a scatter plot of 2-D samples)."
        })
public final class SampleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A finished run directory.")
    Path runDir;

    @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--label", paramLabel = "L", description = "Class of every sample, for conditional models.")
    Integer label;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file: .csv, .npy or .png.")
    Path out;

    @Override
    public Integer call() throws IOException {
        String format = extension(out);
        if (!format.equals("csv") && !format.equals("npy") && !format.equals("png")) {
            throw new ConfigException("--out " + out + ": unknown format '" + format + "'; use .csv, .npy or .png");
        }
        if (count <= 0) {
            throw new ConfigException("--n must be positive, got " + count);
        }
        if (label != null && label < 0) {
            throw new ConfigException("--label must be 0 or more, got " + label);
        }
        RunDirectory run = RunDirectory.open(runDir);
        PluginCatalog plugins = PluginCatalog.load(Thread.currentThread().getContextClassLoader());
        DjlEnvironment.engine();
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                TrainedGenerator generator = TrainedGenerator.load(run, plugins, manager)) {
            float[] values = generator.sample(count, seed, label == null ? -1 : label);
            long[] shape = generator.info().sampleShape();
            int size = values.length / count;
            switch (format) {
                case "npy" -> {
                    long[] full = new long[shape.length + 1];
                    full[0] = count;
                    System.arraycopy(shape, 0, full, 1, shape.length);
                    NpyFiles.writeFloat32(out, values, full);
                }
                case "csv" -> {
                    if (shape.length != 1) {
                        throw new ConfigException(
                                "--out " + out + ": CSV holds vector samples, but these have shape "
                                        + java.util.Arrays.toString(shape) + "; use .npy or .png");
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int j = 0; j < size; j++) {
                        sb.append(j == 0 ? "" : ",").append("x").append(j);
                    }
                    sb.append('\n');
                    for (int i = 0; i < count; i++) {
                        for (int j = 0; j < size; j++) {
                            sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", values[i * size + j]));
                        }
                        sb.append('\n');
                    }
                    AtomicFiles.write(out, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
                }
                default -> {
                    if (shape.length == 3) {
                        writeGrid(generator, values, shape);
                        break;
                    }
                    if (shape.length != 1 || shape[0] != 2) {
                        throw new ConfigException(
                                "--out " + out + ": PNG output draws 2-D points or images, but these samples have shape "
                                        + java.util.Arrays.toString(shape) + "; use .npy");
                    }
                    float[][] rows = new float[count][2];
                    for (int i = 0; i < count; i++) {
                        rows[i][0] = values[2 * i];
                        rows[i][1] = values[2 * i + 1];
                    }
                    ScatterPlots.write(
                            out, count + " samples from " + runDir.getFileName(), rows, null, ScatterPlots.extentOf(rows));
                }
            }
        } catch (IOException e) {
            throw new GanException("cannot write --out " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("wrote " + count + " samples to " + out);
        return Main.EXIT_OK;
    }

    /** Images: a grid, one row per class for a conditional model asked for every class. */
    private void writeGrid(TrainedGenerator generator, float[] values, long[] shape) throws IOException {
        int size = values.length / count;
        float[][] images = new float[count][];
        for (int i = 0; i < count; i++) {
            images[i] = java.util.Arrays.copyOfRange(values, i * size, (i + 1) * size);
        }
        int classes = generator.spec().numClasses();
        if (classes > 0 && label == null) {
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = i % classes; // TrainedGenerator's cycle
            }
            ImageGrids.writePng(out, images, labels, classes, shape, (count + classes - 1) / classes);
        } else {
            ImageGrids.writePng(out, images, null, 0, shape, (int) Math.ceil(Math.sqrt(count)));
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
