package org.gan4j.data.image;

import static org.gan4j.data.image.Datasets.batches;
import static org.gan4j.data.image.Datasets.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.gan4j.api.ConfigException;
import org.gan4j.api.GanException;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path tmp;

    private Path dir;

    /**
     * Two classes of images of different sizes and formats, with files that must be skipped:
     * <ul>
     *   <li>cat/centre.png, 80x60: black, a white 20x20 square in the middle, and its 10 leftmost
     *       columns white, which the centre crop cuts off;
     *   <li>cat/small.PNG, 20x20 grey PNG of value 100, to be scaled up;
     *   <li>dog/lr.jpg, 48x80 JPEG: left half red, right half blue, 16 green rows at the top and at
     *       the bottom, which the crop cuts off (16, so that they fill whole JPEG blocks);
     *   <li>a text file, a hidden garbage .png, and a hidden folder.
     * </ul>
     */
    @BeforeEach
    void writeImages() throws IOException {
        dir = tmp.resolve("images");
        BufferedImage centre = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = centre.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(30, 20, 20, 20);
        g.fillRect(0, 0, 10, 60);
        g.dispose();
        png(dir.resolve("cat/centre.png"), centre);

        BufferedImage grey = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        Arrays.fill(((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData(), (byte) 100);
        png(dir.resolve("cat/small.PNG"), grey);

        BufferedImage lr = new BufferedImage(48, 80, BufferedImage.TYPE_INT_RGB);
        g = lr.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 24, 80);
        g.setColor(Color.BLUE);
        g.fillRect(24, 0, 24, 80);
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 48, 16);
        g.fillRect(0, 64, 48, 16);
        g.dispose();
        jpeg(dir.resolve("dog/lr.jpg"), lr);

        Files.writeString(dir.resolve("dog/notes.txt"), "not an image");
        Files.write(dir.resolve("cat/.garbage.png"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve(".thumbnails"));
        Files.write(dir.resolve(".thumbnails/x.png"), new byte[] {1, 2, 3});
    }

    @Test
    void classesAreTheSortedSubfolders() {
        GanDataset data = open("image-folder", dir, 1, Map.of("size", "32"));
        assertEquals(List.of("cat", "dog"), data.classNames());
        assertEquals(3, data.size());
        assertEquals(new Shape(3, 32, 32), data.sampleShape());
        assertEquals(new Shape(3, 64, 64), open("image-folder", dir, 1, Map.of()).sampleShape(), "size 64 by default");
    }

    @Test
    void imagesAreScaledAndCentreCroppedKeepingOrientationAndColours() {
        GanDataset data = open("image-folder", dir, 1, Map.of("size", "32"));
        float[][] images = byImage(data, 3 * 1024);
        int[] labels = labelsByImage(data);
        // Files in sorted order: cat/centre.png, cat/small.PNG, dog/lr.jpg.
        assertEquals(0, labels[0]);
        assertEquals(0, labels[1]);
        assertEquals(1, labels[2]);

        float[] centre = images[0];
        for (int c = 0; c < 3; c++) {
            assertEquals(1f, at(centre, c, 16, 16), 0.01, "the white centre, channel " + c);
            assertEquals(-1f, at(centre, c, 16, 0), 0.01, "the white left edge is cropped off, channel " + c);
            assertEquals(-1f, at(centre, c, 2, 16), 0.01, "black above the square, channel " + c);
        }

        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 1024; k++) {
                // A grey PNG's samples are read as they are (getRGB would brighten them to ~168).
                assertEquals(100 / 127.5f - 1f, images[1][c * 1024 + k], 0.01, "grey 100, channel " + c);
            }
        }

        float[] lr = images[2];
        // Rows 2 and 29 come from source rows 19-20 and 59-61, clear of JPEG's colour bleeding
        // across the green bands' edges (16 and 64), but green if the image were not cropped.
        for (int row : new int[] {2, 16, 29}) {
            assertEquals(1f, at(lr, 0, row, 3), 0.15, "red on the left, row " + row);
            assertEquals(-1f, at(lr, 2, row, 3), 0.15, "no blue on the left, row " + row);
            assertEquals(-1f, at(lr, 0, row, 28), 0.15, "no red on the right, row " + row);
            assertEquals(1f, at(lr, 2, row, 28), 0.15, "blue on the right, row " + row);
            assertEquals(-1f, at(lr, 1, row, 3), 0.15, "the green top and bottom are cropped off, row " + row);
        }
    }

    @Test
    void oneChannelIsLuminance() {
        GanDataset data = open("image-folder", dir, 1, Map.of("size", "32", "channels", "1"));
        assertEquals(new Shape(1, 32, 32), data.sampleShape());
        float[][] images = byImage(data, 1024);
        assertEquals(1f, at(images[0], 0, 16, 16), 0.01);
        assertEquals(100 / 127.5f - 1f, at(images[1], 0, 5, 5), 0.01);
        assertEquals(0.299f * 255 / 127.5f - 1f, at(images[2], 0, 16, 3), 0.06, "red's luma");
        assertEquals(0.114f * 255 / 127.5f - 1f, at(images[2], 0, 16, 28), 0.06, "blue's luma");
    }

    @Test
    void aFolderWithoutSubfoldersIsOneUnlabelledSet() throws IOException {
        Path flat = tmp.resolve("flat");
        Files.createDirectories(flat);
        for (String name : new String[] {"a.png", "b.JPEG", "c.png"}) {
            Files.copy(dir.resolve("cat/centre.png"), flat.resolve(name));
        }
        Files.copy(dir.resolve("dog/lr.jpg"), flat.resolve("b.JPEG"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        GanDataset data = open("image-folder", flat, 1, Map.of("size", "16"));
        assertEquals(3, data.size());
        assertEquals(0, data.numClasses());
        assertEquals(List.of(), data.classNames());
        SampleBatch b = batches(data, 0, 3).get(0);
        assertNull(b.labels());
        assertEquals(3 * 3 * 256, b.values().length);
    }

    @Test
    void aFolderWithoutImagesSaysWhatIsRead() throws IOException {
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("readme.txt"), "hi");
        GanException e = assertThrows(GanException.class, () -> open("image-folder", empty, 1, Map.of()));
        assertEquals("dataset 'image-folder': folder " + empty + " has no images; it reads .png, .jpg and .jpeg files,"
                + " in one subfolder per class or in the folder itself", e.getMessage());

        Files.createDirectories(dir.resolve("bird"));
        e = assertThrows(GanException.class, () -> open("image-folder", dir, 1, Map.of()));
        assertEquals("dataset 'image-folder': class folder " + dir.resolve("bird") + " has no images; it reads .png,"
                + " .jpg and .jpeg files; add some or remove the folder", e.getMessage());
    }

    @Test
    void anUndecodableImageIsNamed() throws IOException {
        Path bad = dir.resolve("cat/x.png");
        Files.write(bad, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'p', 'n', 'g'});
        GanException e = assertThrows(GanException.class, () -> open("image-folder", dir, 1, Map.of()));
        assertEquals("dataset 'image-folder': cannot decode image " + bad + " (not a PNG or JPEG ImageIO can read);"
                + " remove it or convert it", e.getMessage());

        byte[] whole = Files.readAllBytes(dir.resolve("cat/centre.png"));
        Files.write(bad, Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(GanException.class, () -> open("image-folder", dir, 1, Map.of()));
        assertTrue(e.getMessage().startsWith("dataset 'image-folder': cannot decode image " + bad + " ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); remove it or convert it to PNG or JPEG"), e.getMessage());
    }

    @Test
    void needsAnExistingFolder() {
        assertTrue(assertThrows(ConfigException.class, () -> open("image-folder", null, 1, Map.of()))
                .getMessage().startsWith("dataset 'image-folder' needs a data directory: a folder with one subfolder"));
        Path missing = tmp.resolve("missing");
        assertEquals("dataset 'image-folder': there is no folder " + missing + "; pass dataDir with a folder of"
                + " .png, .jpg and .jpeg images",
                assertThrows(GanException.class, () -> open("image-folder", missing, 1, Map.of())).getMessage());
        assertEquals("dataset 'image-folder' option 'channels' must be 1 (grey) or 3 (RGB), got '4'",
                assertThrows(ConfigException.class, () -> open("image-folder", dir, 1, Map.of("channels", "4")))
                        .getMessage());
    }

    /** Every image's values, by image index (the files' sorted order), from one epoch. */
    private static float[][] byImage(GanDataset data, int sampleSize) {
        int n = (int) data.size();
        int[] order = ((ImageDataset) data).order(0);
        List<SampleBatch> epoch = batches(data, 0, n);
        float[][] out = new float[n][];
        for (int p = 0; p < n; p++) {
            out[order[p]] = Datasets.sample(epoch, p, sampleSize);
        }
        return out;
    }

    private static int[] labelsByImage(GanDataset data) {
        int n = (int) data.size();
        int[] order = ((ImageDataset) data).order(0);
        int[] batchLabels = batches(data, 0, n).get(0).labels();
        int[] out = new int[n];
        for (int p = 0; p < n; p++) {
            out[order[p]] = batchLabels[p];
        }
        return out;
    }

    /** Channel c, row y, column x of a 32x32 (C, H, W) sample. */
    private static float at(float[] sample, int c, int y, int x) {
        return sample[c * 1024 + y * 32 + x];
    }

    private static void png(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, "png", file.toFile()));
    }

    private static void jpeg(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
