package org.gan4j.data.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.Remedy;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * Shared reading of the MNIST-format datasets: a folder with {@code train-} and {@code t10k-}
 * pairs of IDX files ({@code -images-idx3-ubyte} [N, rows, columns] and {@code
 * -labels-idx1-ubyte} [N]), each gzipped or not, and the options {@code size} and {@code split}.
 */
abstract class IdxProvider implements DatasetProvider {

    static final String SPLIT = "split";

    /** @return the class names, in label order */
    abstract List<String> classNames();

    /** @return the folder read when the user gives none, or null if the user must give one */
    abstract Path defaultDir();

    /** @return how to get the files, said after the problem when they are missing */
    abstract Remedy howToGetTheFiles();

    @Override
    public List<OptionSpec> options() {
        return List.of(
                ImageOptions.size(28),
                new OptionSpec(SPLIT, "train", "train (60,000 images) or test (10,000 images)"));
    }

    @Override
    public GanDataset open(DatasetRequest request) {
        Options options = request.options();
        int size = ImageOptions.size(options);
        String split = options.getString(SPLIT);
        String prefix = switch (split) {
            case "train" -> "train";
            case "test" -> "t10k";
            default -> throw options.invalid(SPLIT, split, "train or test");
        };
        Path dir = request.dataDir() != null ? request.dataDir() : defaultDir();
        if (dir == null) {
            throw new ConfigException("dataset '" + name() + "' needs a data directory", howToGetTheFiles());
        }
        Path imageFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        IdxFile images = IdxFile.read(imageFile);
        if (images.rank() != 3) {
            throw new GanException("IDX file " + imageFile + ": images must have 3 dimensions [images, rows,"
                    + " columns], found " + Arrays.toString(images.dimensions()));
        }
        IdxFile labels = IdxFile.read(labelFile);
        if (labels.rank() != 1) {
            throw new GanException("IDX file " + labelFile + ": labels must have 1 dimension [labels], found "
                    + Arrays.toString(labels.dimensions()));
        }
        int n = images.dimension(0);
        if (labels.dimension(0) != n) {
            throw new GanException("dataset '" + name() + "': label file " + labelFile + " holds "
                    + labels.dimension(0) + " labels but image file " + imageFile + " holds " + n
                    + " images; use the label file that belongs to the images");
        }
        int classes = classNames().size();
        int[] classOf = new int[n];
        for (int i = 0; i < n; i++) {
            classOf[i] = labels.unsigned(i);
            if (classOf[i] >= classes) {
                throw new GanException("IDX file " + labelFile + ": label " + classOf[i] + " of image " + i
                        + " is out of range; " + name() + " has " + classes + " classes, labels 0 to "
                        + (classes - 1));
            }
        }
        int rows = images.dimension(1);
        int cols = images.dimension(2);
        int pixels = rows * cols;
        byte[] data = images.data();
        byte[][] each = new byte[n][];
        for (int i = 0; i < n; i++) {
            each[i] = Arrays.copyOfRange(data, i * pixels, (i + 1) * pixels);
        }
        return new ImageDataset(each, classOf, classNames(), 1, rows, cols, size, request.seed());
    }

    /**
     * Finds one of the pair's files: {@code NAME} or {@code NAME.gz}, or the spelling with a dot
     * some copies of MNIST use ({@code train-images.idx3-ubyte}).
     */
    private Path find(Path dir, String name) {
        String dotted = name.replace("-idx", ".idx");
        for (String candidate : new String[] {name, name + ".gz", dotted, dotted + ".gz"}) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        String where = Files.isDirectory(dir) ? "" : " (there is no folder " + dir + ")";
        throw new GanException("dataset '" + name() + "': missing " + dir.resolve(name) + "(.gz)" + where,
                howToGetTheFiles());
    }
}
