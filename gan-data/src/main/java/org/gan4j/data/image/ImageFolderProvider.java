package org.gan4j.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * PNG and JPEG images from a folder, as torchvision's {@code ImageFolder} reads them: one
 * subfolder per class, named after the class (labels in the subfolders' sorted order), or, when
 * the folder has no subfolders, the images in it as one unlabelled set. Files are picked by their
 * extension ({@code .png}, {@code .jpg}, {@code .jpeg}, any case); other files and hidden ones
 * (starting with '.') are skipped, and so are files next to class subfolders.
 *
 * <p>Every image is decoded when the dataset is opened, resized so that its shorter side is
 * {@code size}, and cropped to the centre {@code size x size}; it is kept as bytes at that size.
 * Alpha is ignored.
 */
public final class ImageFolderProvider implements DatasetProvider {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");
    private static final String READS = ".png, .jpg and .jpeg";

    @Override
    public String name() {
        return "image-folder";
    }

    @Override
    public String description() {
        return "PNG and JPEG images in --data-dir, one subfolder per class (or none)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                ImageOptions.size(64),
                ImageOptions.channels(3, "3 for RGB, 1 for grey (luminance)"));
    }

    /** Where the images are: the run's data directory. */
    private static final Remedy DATA_DIR = new Remedy("pass {0} DIR", List.of(List.of(SettingChange.of("dataDir"))));

    @Override
    public GanDataset open(DatasetRequest request) {
        Options options = request.options();
        int size = ImageOptions.size(options);
        int channels = ImageOptions.channels(options);
        Path dir = request.dataDir();
        if (dir == null) {
            throw new ConfigException("dataset 'image-folder' needs a data directory: a folder with one subfolder"
                    + " of images per class, or with the images themselves", DATA_DIR);
        }
        if (!Files.isDirectory(dir)) {
            throw new GanException("dataset 'image-folder': there is no folder " + dir,
                    new Remedy("pass {0} with a folder of " + READS + " images",
                            List.of(List.of(SettingChange.of("dataDir")))));
        }
        List<Path> classDirs = new ArrayList<>();
        for (Path p : list(dir)) {
            if (Files.isDirectory(p)) {
                classDirs.add(p);
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        if (classDirs.isEmpty()) {
            files.addAll(images(dir));
            if (files.isEmpty()) {
                throw new GanException("dataset 'image-folder': folder " + dir + " has no images; it reads "
                        + READS + " files, in one subfolder per class or in the folder itself");
            }
        } else {
            for (Path classDir : classDirs) {
                List<Path> found = images(classDir);
                if (found.isEmpty()) {
                    throw new GanException("dataset 'image-folder': class folder " + classDir
                            + " has no images; it reads " + READS + " files; add some or remove the folder");
                }
                for (Path f : found) {
                    files.add(f);
                    fileLabels.add(classNames.size());
                }
                classNames.add(classDir.getFileName().toString());
            }
        }
        ImageOptions.checkMemory(name(), files.size(), channels, size);
        byte[][] pixels = new byte[files.size()][];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = load(files.get(i), size, channels);
        }
        int[] labels = classNames.isEmpty() ? null : fileLabels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageDataset(pixels, labels, classNames, channels, size, size, size, request.seed());
    }

    /** The folder's entries, hidden ones left out, sorted by name so that labels are stable. */
    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new GanException("dataset 'image-folder': cannot list folder " + dir + ": " + e, e);
        }
    }

    private static List<Path> images(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p : list(dir)) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Decodes one image, scales it so its shorter side is {@code size}, crops the centre square
     * and returns it as planar bytes.
     */
    private static byte[] load(Path file, int size, int channels) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // ImageIO's decoders throw IOExceptions and, for some malformed files, runtime ones.
            throw new GanException("dataset 'image-folder': cannot decode image " + file + " ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "); remove it or convert it to PNG or JPEG", e);
        }
        if (image == null) {
            throw new GanException("dataset 'image-folder': cannot decode image " + file
                    + " (not a PNG or JPEG ImageIO can read); remove it or convert it");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // Cropping the centre square of the source and scaling it equals scaling the shorter side
        // to size and cropping, up to half a source pixel, and reads only the pixels that are used.
        int side = Math.min(w, h);
        int x0 = (w - side) / 2;
        int y0 = (h - side) / 2;
        float[][] planes = planes(image, x0, y0, side, channels);
        Resampler resampler = new Resampler(side, side, size, size);
        byte[] out = new byte[channels * size * size];
        float[] plane = new float[size * size];
        for (int c = 0; c < channels; c++) {
            resampler.resize(planes[c], 0, side, plane, 0);
            for (int k = 0; k < plane.length; k++) {
                out[c * plane.length + k] = (byte) Math.round(Math.max(0f, Math.min(255f, plane[k])));
            }
        }
        return out;
    }

    /** The crop's pixels as 0-255 floats, one plane a channel: R, G, B, or luminance. */
    private static float[][] planes(BufferedImage image, int x0, int y0, int side, int channels) {
        int n = side * side;
        Raster raster = image.getRaster();
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (grey) {
            // getRGB would treat the grey values as linear and brighten them; a grey PNG's or JPEG's
            // samples are the values wanted, so read them from the raster, scaled to 8 bits.
            float max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            float[] g = new float[n];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    g[y * side + x] = raster.getSample(x0 + x, y0 + y, 0) * 255f / max;
                }
            }
            return channels == 1 ? new float[][] {g} : new float[][] {g, g, g};
        }
        int[] argb = image.getRGB(x0, y0, side, side, null, 0, side);
        if (channels == 1) {
            float[] g = new float[n];
            for (int k = 0; k < n; k++) {
                int p = argb[k];
                // ITU-R BT.601 luma, as PIL's convert("L") computes it.
                g[k] = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
            }
            return new float[][] {g};
        }
        float[] r = new float[n];
        float[] gr = new float[n];
        float[] b = new float[n];
        for (int k = 0; k < n; k++) {
            int p = argb[k];
            r[k] = (p >> 16) & 0xff;
            gr[k] = (p >> 8) & 0xff;
            b[k] = p & 0xff;
        }
        return new float[][] {r, gr, b};
    }
}
