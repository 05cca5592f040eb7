package org.gan4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.data.Noise;
import org.gan4j.core.io.AtomicFiles;
import org.gan4j.core.io.NpyArray;
import org.gan4j.core.io.NpyFiles;
import org.gan4j.report.plot.ImageGrids;
import org.gan4j.report.plot.ScatterPlots;
import org.gan4j.core.run.SampleInputs;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.InputValues;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan sample}: draws samples from a trained run's product ({@code --run}, through DJL) or
 * from an exported one ({@code --onnx}, through ONNX Runtime, with no DJL class loaded). Both take
 * their inputs from here: the latent vectors and labels from {@link SampleInputs} (seeded, given or
 * walked), the other inputs drawn as gan-onnx's {@link InputValues#draw} (and gan-api's {@code
 * ProductInputs.draw}) draws them, images from {@code --input}; so the same seed gives the same
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
            "models or one row per walk for --interpolate; a scatter plot of 2-D samples).",
            "Products that take an image (a translator's source) take it from --input."
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
                    + " (default: " + DEFAULT_WALKS + "). With --latent or --input it comes from the file.")
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

    @Option(names = "--input", paramLabel = "FILE.npy",
            description = "For products that take an image: the images, a float32 or float64 .npy array of shape"
                    + " (N, C, H, W) (or (N, D) for vector data) in the data's units. N comes from the file; with"
                    + " --interpolate each walk keeps one image.")
    Path input;

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
        NpyArray given = latent == null ? null : read("--latent", latent);
        NpyArray images = input == null ? null : read("--input", input);
        try (SampleSource generator = source.onnx != null
                ? OnnxSampleSource.open(source.onnx)
                : RunSampleSource.open(source.runDir, gan.plugins())) {
            InputValues in = inputs(generator, given, images);
            float[] values = generator.generate(in);
            write(generator, in, values);
        } catch (IOException e) {
            throw new GanException("cannot write --out " + out + ": " + e.getMessage(), e);
        }
        return Main.EXIT_OK;
    }

    private static NpyArray read(String flag, Path file) {
        try {
            return NpyFiles.read(file);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new GanException(m.startsWith(file.toString()) ? flag + " " + m : m, e);
        }
    }

    /** The first input of a kind, or null. */
    private static GeneratorInput first(List<GeneratorInput> inputs, GeneratorInput.Kind kind) {
        return inputs.stream().filter(i -> i.kind() == kind).findFirst().orElse(null);
    }

    private static String names(List<GeneratorInput> inputs) {
        return String.join(", ", inputs.stream().map(GeneratorInput::name).toList());
    }

    /** (N, 1, 28, 28), as NumPy writes shapes. */
    private static String shapeOf(String n, long[] sample) {
        StringBuilder sb = new StringBuilder("(").append(n);
        for (long d : sample) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    /**
     * The values of every input: the latent vectors and labels from {@link SampleInputs}
     * (seeded, from --latent, or walked), images from --input, the other inputs drawn from the
     * seed's streams; with --interpolate, every input but z keeps one value a walk.
     */
    private InputValues inputs(SampleSource generator, NpyArray given, NpyArray images) {
        List<GeneratorInput> inputs = generator.inputs();
        GeneratorInput z = first(inputs, GeneratorInput.Kind.NORMAL);
        GeneratorInput labelInput = first(inputs, GeneratorInput.Kind.CATEGORICAL);
        List<GeneratorInput> imageInputs = inputs.stream().filter(i -> i.kind() == GeneratorInput.Kind.IMAGE).toList();
        int size = z == null ? 0 : z.size();
        int classes = labelInput == null ? 0 : labelInput.classes();
        int cls = label == null ? -1 : label;
        if (z == null && latent != null) {
            throw new ConfigException("--latent is for models that take a latent vector; this model takes none (its"
                    + " inputs: " + names(inputs) + ")");
        }
        if (z == null && interpolate != null) {
            throw new ConfigException("--interpolate walks between latent vectors; this model takes none (its inputs: "
                    + names(inputs) + ")");
        }
        if (imageInputs.size() > 1) {
            throw new ConfigException("this model takes " + imageInputs.size() + " images (" + names(imageInputs)
                    + "); gan sample feeds one, from --input: sample it from Java with InputValues instead");
        }
        GeneratorInput image = imageInputs.isEmpty() ? null : imageInputs.get(0);
        if (image == null && images != null) {
            throw new ConfigException("--input is for models that take an image (a translator's source); this model"
                    + " takes none (its inputs: " + names(inputs) + ")");
        }
        if (image != null && images == null) {
            throw new ConfigException("this model translates images: give them with --input FILE.npy, float32 "
                    + shapeOf("N", image.shape()) + " in the data's units (its input '" + image.name() + "')");
        }
        int imageRows = 0;
        if (images != null) {
            long[] shape = images.shape();
            long[] sample = image.shape();
            boolean fits = shape.length == sample.length + 1 && shape[0] >= 1;
            for (int i = 0; fits && i < sample.length; i++) {
                fits = shape[i + 1] == sample[i];
            }
            if (!fits) {
                throw new ConfigException("--input " + input + " has shape " + images.shapeString()
                        + "; this model needs " + shapeOf("N", sample) + ": N >= 1 images of "
                        + NpyFiles.shapeString(sample) + " in the data's units");
            }
            if (shape[0] > Integer.MAX_VALUE - 8) {
                throw new ConfigException("--input " + input + " holds " + shape[0] + " images, too many for one file;"
                        + " sample them in several parts");
            }
            imageRows = (int) shape[0];
        }

        // Arrays read from files already fit in memory; the check is of the counts asked for.
        long samples = given != null || images != null ? 1 : count == null ? DEFAULT_COUNT : count;
        if (interpolate != null) {
            samples = samples * Math.max(2, interpolate);
        }
        long values = 1;
        for (long d : generator.sampleShape()) {
            values *= d;
        }
        long widest = values;
        for (GeneratorInput in : inputs) {
            widest = Math.max(widest, in.size());
        }
        if (samples * widest > Integer.MAX_VALUE - 8) {
            throw new ConfigException("--n " + count + (interpolate == null ? "" : " with --interpolate " + interpolate)
                    + " asks for " + samples + " samples, too many for one file; draw them in several parts");
        }
        if (images != null && given == null && count != null && count != imageRows) {
            throw new ConfigException("--n " + count + " does not match --input " + input + ", which holds " + imageRows
                    + (interpolate == null ? " images" : " images (one a walk)") + "; leave --n out");
        }

        // The "units" the inputs other than z are drawn for: the samples, or the walks when interpolating.
        SampleInputs zl = null;
        int units;
        if (z != null) {
            zl = latentAndLabels(given, size, classes, cls, imageRows);
            units = interpolate == null ? zl.count() : zl.count() / interpolate;
        } else {
            units = images != null ? imageRows : count == null ? DEFAULT_COUNT : count;
            // The flag-worded checks of --label, as for models with a latent vector.
            SampleInputs.labels(units, classes, cls);
        }
        if (images != null && units != imageRows) {
            throw new ConfigException("--input " + input + " holds " + imageRows + " images but --latent " + latent
                    + " holds " + (interpolate == null ? units + " latent vectors" : 2 * units + " latent vectors, the ends"
                    + " of " + units + " walks") + "; give one image " + (interpolate == null ? "a latent vector" : "a walk"));
        }
        Map<String, float[]> imageValues = image == null ? Map.of() : Map.of(image.name(), images.values());
        // Every input drawn for the units (categorical codes cycling), images as given ...
        InputValues drawn = InputValues.draw(inputs, units, seed, Noise.SAMPLING, -1, imageValues);
        int steps = interpolate == null ? 1 : interpolate;
        List<float[]> floats = new ArrayList<>();
        List<int[]> ints = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            GeneratorInput in = inputs.get(i);
            if (in == z) {
                // ... but z and the label from SampleInputs: seeded, given or walked, as always.
                floats.add(zl.z());
                ints.add(null);
            } else if (in == labelInput) {
                floats.add(null);
                ints.add(zl != null ? zl.labels() : SampleInputs.labels(units, classes, cls));
            } else {
                floats.add(repeat(drawn.floats().get(i), in.categorical() ? 0 : in.size(), steps));
                ints.add(in.categorical() ? repeat(drawn.ints().get(i), steps) : null);
            }
        }
        return new InputValues(inputs, units * steps, floats, ints);
    }

    /** The latent vectors and labels: seeded or from --latent, plain or as walks. */
    private SampleInputs latentAndLabels(NpyArray given, int size, int classes, int cls, int imageRows) {
        if (given == null) {
            int n = imageRows > 0 ? imageRows : count == null ? interpolate == null ? DEFAULT_COUNT : DEFAULT_WALKS : count;
            if (interpolate == null) {
                return SampleInputs.seeded(seed, n, size, classes, cls);
            }
            return SampleInputs.interpolated(SampleInputs.noise(seed, 2 * n, size), n, interpolate, size, classes, cls);
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

    /** Each unit's row of {@code size} values, {@code times} times over; null stays null. */
    private static float[] repeat(float[] v, int size, int times) {
        if (v == null || times == 1) {
            return v;
        }
        int units = v.length / size;
        float[] r = new float[Math.multiplyExact(v.length, times)];
        for (int u = 0; u < units; u++) {
            for (int t = 0; t < times; t++) {
                System.arraycopy(v, u * size, r, (u * times + t) * size, size);
            }
        }
        return r;
    }

    private static int[] repeat(int[] v, int times) {
        if (times == 1) {
            return v;
        }
        int[] r = new int[Math.multiplyExact(v.length, times)];
        for (int u = 0; u < v.length; u++) {
            Arrays.fill(r, u * times, (u + 1) * times, v[u]);
        }
        return r;
    }

    private void write(SampleSource generator, InputValues in, float[] values) throws IOException {
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
    private void writeGrid(SampleSource generator, InputValues in, float[] values, long[] shape) throws IOException {
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
            GeneratorInput labels = first(in.inputs(), GeneratorInput.Kind.CATEGORICAL);
            ImageGrids.writePng(out, images, in.ints(labels.name()), classes, shape, (n + classes - 1) / classes);
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
