package org.gan4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.core.io.AtomicFiles;
import org.gan4j.core.io.NpyArray;
import org.gan4j.core.io.NpyFiles;
import org.gan4j.report.plot.ImageGrids;
import org.gan4j.report.plot.ScatterPlots;
import org.gan4j.core.run.SampleInputs;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan sample}: draws samples from a trained run's generator ({@code --run}, through DJL) or
 * from an exported one ({@code --onnx}, through ONNX Runtime, with no DJL class loaded). Both take
 * their latent vectors and labels from {@link SampleInputs}, so the same seed gives the same
 * samples either way. The output's extension picks the format: {@code .csv} (one sample a row),
 * {@code .npy} (float32 [N, ...]), {@code .png} (a grid of images, or a scatter plot for 2-D data).
 */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Draw samples from a trained generator: a run directory's (--run) or an",
            "exported ONNX file's (--onnx, run through ONNX Runtime). The --out extension",
            "picks the format: .csv (one sample a row), .npy (float32, [N, D] or",
            "[N, C, H, W]), .png (a grid of images, one row per class for conditional",
            "models or one row per walk for --interpolate; a scatter plot of 2-D samples)."
        })
public final class SampleCommand implements Callable<Integer> {

    /** Samples drawn when --n is not given. */
    static final int DEFAULT_COUNT = 64;
    /** Walks drawn by --interpolate when --n is not given. */
    static final int DEFAULT_WALKS = 8;

    @Spec CommandSpec spec;

    @ParentCommand GanCommand gan;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the generator comes from: exactly one of a run directory and an ONNX file. */
    static final class Source {
        @Option(names = "--run", paramLabel = "DIR", required = true,
                description = "A finished run directory (sampled through DJL).")
        Path runDir;

        @Option(names = "--onnx", paramLabel = "FILE", required = true,
                description = "A generator exported to ONNX by gan4j (sampled through ONNX Runtime).")
        Path onnx;
    }

    @Option(names = "--n", paramLabel = "N",
            description = "Number of samples (default: " + DEFAULT_COUNT + "), or of walks with --interpolate"
                    + " (default: " + DEFAULT_WALKS + "). With --latent it comes from the file.")
    Integer count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Noise seed (default: ${DEFAULT-VALUE}); not used with --latent.")
    long seed;

    @Option(names = "--label", paramLabel = "L",
            description = "Class of every sample (or walk), for conditional models; without it they cycle through the classes.")
    Integer label;

    @Option(names = "--latent", paramLabel = "FILE.npy",
            description = "Latent vectors to use instead of seeded noise: a float32 or float64 .npy array"
                    + " of shape (N, latent size). With --interpolate, its rows are the walks' ends, in pairs.")
    Path latent;

    @Option(names = "--interpolate", paramLabel = "K",
            description = "Latent walks of K points (K >= 2) each, from one end to the other in a straight"
                    + " line; the ends are seeded noise (2 vectors a walk) or rows of --latent taken in pairs."
                    + " PNG: one row per walk, K columns.")
    Integer interpolate;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file: .csv, .npy or .png.")
    Path out;

    @Override
    public Integer call() {
        String format = extension(out);
        if (!format.equals("csv") && !format.equals("npy") && !format.equals("png")) {
            throw new ConfigException("--out " + out + ": unknown format '" + format + "'; use .csv, .npy or .png");
        }
        if (count != null && count <= 0) {
            throw new ConfigException("--n must be positive, got " + count);
        }
        if (label != null && label < 0) {
            throw new ConfigException("--label must be 0 or more, got " + label);
        }
        if (interpolate != null && interpolate < 2) {
            throw new ConfigException(
                    "--interpolate must be 2 or more (the points of each walk, ends included), got " + interpolate);
        }
        NpyArray given = latent == null ? null : readLatent(latent);
        try (SampleSource generator = source.onnx != null
                ? OnnxSampleSource.open(source.onnx)
                : RunSampleSource.open(source.runDir, gan.plugins())) {
            SampleInputs in = inputs(generator, given);
            float[] values = generator.generate(in.z(), in.count(), in.labels());
            write(generator, in, values);
        } catch (IOException e) {
            throw new GanException("cannot write --out " + out + ": " + e.getMessage(), e);
        }
        return Main.EXIT_OK;
    }

    private static NpyArray readLatent(Path file) {
        try {
            return NpyFiles.read(file);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new GanException(m.startsWith(file.toString()) ? "--latent " + m : m, e);
        }
    }

    /** The latent vectors and labels: seeded or from --latent, plain or as walks. */
    private SampleInputs inputs(SampleSource generator, NpyArray given) {
        int size = generator.latentSize();
        int classes = generator.numClasses();
        int cls = label == null ? -1 : label;
        long samples = given != null ? 1 : count == null ? DEFAULT_COUNT : count;
        if (interpolate != null) {
            samples = samples * Math.max(2, interpolate);
        }
        long values = 1;
        for (long d : generator.sampleShape()) {
            values *= d;
        }
        if (samples * Math.max(size, values) > Integer.MAX_VALUE - 8) {
            throw new ConfigException("--n " + count + (interpolate == null ? "" : " with --interpolate " + interpolate)
                    + " asks for " + samples + " samples, too many for one file; draw them in several parts");
        }
        if (given == null) {
            if (interpolate == null) {
                return SampleInputs.seeded(seed, count == null ? DEFAULT_COUNT : count, size, classes, cls);
            }
            int walks = count == null ? DEFAULT_WALKS : count;
            return SampleInputs.interpolated(
                    SampleInputs.noise(seed, 2 * walks, size), walks, interpolate, size, classes, cls);
        }
        long[] shape = given.shape();
        if (shape.length != 2 || shape[1] != size || shape[0] < 1) {
            throw new ConfigException("--latent " + latent + " has shape " + given.shapeString()
                    + "; this generator needs (N, " + size + "): N >= 1 latent vectors of length " + size);
        }
        int rows = (int) shape[0];
        if (interpolate == null) {
            if (count != null && count != rows) {
                throw new ConfigException("--n " + count + " does not match --latent " + latent + ", which holds "
                        + rows + " latent vectors; leave --n out");
            }
            return SampleInputs.given(given.values(), rows, size, classes, cls);
        }
        if (rows % 2 != 0) {
            throw new ConfigException("--latent " + latent + " holds " + rows + " latent vectors; --interpolate takes"
                    + " them in pairs (the ends of each walk), so it needs an even number");
        }
        if (count != null && count != rows / 2) {
            throw new ConfigException("--n " + count + " does not match --latent " + latent + ", whose " + rows
                    + " latent vectors are the ends of " + rows / 2 + " walks; leave --n out");
        }
        return SampleInputs.interpolated(given.values(), rows / 2, interpolate, size, classes, cls);
    }

    private void write(SampleSource generator, SampleInputs in, float[] values) throws IOException {
        int n = in.count();
        long[] shape = generator.sampleShape();
        int size = values.length / n;
        switch (extension(out)) {
            case "npy" -> {
                long[] full = new long[shape.length + 1];
                full[0] = n;
                System.arraycopy(shape, 0, full, 1, shape.length);
                NpyFiles.writeFloat32(out, values, full);
            }
            case "csv" -> {
                if (shape.length != 1) {
                    throw new ConfigException("--out " + out + ": CSV holds vector samples, but these have shape "
                            + Arrays.toString(shape) + "; use .npy or .png");
                }
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < size; j++) {
                    sb.append(j == 0 ? "" : ",").append("x").append(j);
                }
                sb.append('\n');
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < size; j++) {
                        sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", values[i * size + j]));
                    }
                    sb.append('\n');
                }
                AtomicFiles.write(out, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
            }
            default -> {
                if (shape.length == 3) {
                    writeGrid(generator, in, values, shape);
                    break;
                }
                if (shape.length != 1 || shape[0] != 2) {
                    throw new ConfigException("--out " + out + ": PNG output draws 2-D points or images, but these"
                            + " samples have shape " + Arrays.toString(shape) + "; use .npy");
                }
                float[][] rows = new float[n][2];
                for (int i = 0; i < n; i++) {
                    rows[i][0] = values[2 * i];
                    rows[i][1] = values[2 * i + 1];
                }
                ScatterPlots.write(
                        out, n + " samples from " + generator.name(), rows, null, ScatterPlots.extentOf(rows));
            }
        }
        var printer = spec.commandLine().getOut();
        if (interpolate != null) {
            printer.println("wrote " + n / interpolate + " walks of " + interpolate + " points (" + n + " samples) to "
                    + out);
        } else {
            printer.println("wrote " + n + " samples to " + out);
        }
    }

    /**
     * Images: one row per walk for --interpolate; one row per class for a conditional model
     * asked for every class; otherwise a square-ish grid.
     */
    private void writeGrid(SampleSource generator, SampleInputs in, float[] values, long[] shape) throws IOException {
        int n = in.count();
        int size = values.length / n;
        float[][] images = new float[n][];
        for (int i = 0; i < n; i++) {
            images[i] = Arrays.copyOfRange(values, i * size, (i + 1) * size);
            if (generator.pixels0To255()) {
                for (int j = 0; j < size; j++) {
                    images[i][j] = images[i][j] / 127.5f - 1f; // the grid draws [-1, 1]
                }
            }
        }
        int classes = generator.numClasses();
        if (interpolate != null) {
            ImageGrids.writePng(out, images, n / interpolate, interpolate, shape);
        } else if (classes > 0 && label == null) {
            ImageGrids.writePng(out, images, in.labels(), classes, shape, (n + classes - 1) / classes);
        } else {
            ImageGrids.writePng(out, images, null, 0, shape, (int) Math.ceil(Math.sqrt(n)));
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
