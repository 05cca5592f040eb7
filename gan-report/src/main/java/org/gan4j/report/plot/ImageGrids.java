package org.gan4j.report.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.core.io.AtomicFiles;

/**
 * Tiles images into one picture: generated samples in rows and columns, so that a person can
 * judge them at a glance. Values are pixels in [-1, 1] (clipped), laid out [C, H, W] per image
 * with one channel (grey) or three (RGB).
 */
public final class ImageGrids {

    /** Pixels between tiles. */
    private static final int GAP = 2;

    private ImageGrids() {}

    /**
     * Draws a grid.
     *
     * @param images one row per image, each {@code C * H * W} values in [-1, 1]
     * @param order which image goes in each cell, row by row; -1 leaves a cell empty
     * @param rows rows of the grid
     * @param cols columns of the grid
     * @param shape {C, H, W}
     * @param zoom integer magnification of each pixel, at least 1
     * @return the picture
     */
    public static BufferedImage draw(float[][] images, int[] order, int rows, int cols, long[] shape, int zoom) {
        if (shape.length != 3 || (shape[0] != 1 && shape[0] != 3)) {
            throw new IllegalArgumentException("image grids need [C, H, W] with C 1 or 3, got " + java.util.Arrays.toString(shape));
        }
        if (order.length != rows * cols) {
            throw new IllegalArgumentException("order has " + order.length + " cells for a " + rows + "x" + cols + " grid");
        }
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        int tileH = h * zoom;
        int tileW = w * zoom;
        BufferedImage out =
                new BufferedImage(GAP + cols * (tileW + GAP), GAP + rows * (tileH + GAP), BufferedImage.TYPE_INT_RGB);
        int background = 0x808080; // mid grey separates black and white tiles alike
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, background);
            }
        }
        for (int cell = 0; cell < order.length; cell++) {
            if (order[cell] < 0) {
                continue;
            }
            float[] img = images[order[cell]];
            int x0 = GAP + (cell % cols) * (tileW + GAP);
            int y0 = GAP + (cell / cols) * (tileH + GAP);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    int r = toByte(img[i]);
                    int g = c == 3 ? toByte(img[h * w + i]) : r;
                    int b = c == 3 ? toByte(img[2 * h * w + i]) : r;
                    int rgb = (r << 16) | (g << 8) | b;
                    for (int dy = 0; dy < zoom; dy++) {
                        for (int dx = 0; dx < zoom; dx++) {
                            out.setRGB(x0 + x * zoom + dx, y0 + y * zoom + dy, rgb);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The cell order for a grid of generated samples: conditional samples (whose labels cycle
     * 0, 1, ..., C-1, 0, ...) get one row per class; unconditional ones fill the grid in order.
     *
     * @param count samples available
     * @param labels their labels, or null
     * @param numClasses classes of a conditional model, or 0
     * @param cols columns wanted
     * @return {rows, cols, order...}: the grid's size followed by its cell order
     */
    public static int[] layout(int count, int[] labels, int numClasses, int cols) {
        int rows;
        int[] order;
        if (labels != null && numClasses > 0) {
            rows = numClasses;
            order = new int[rows * cols];
            java.util.Arrays.fill(order, -1);
            int[] filled = new int[numClasses];
            for (int i = 0; i < count; i++) {
                int k = labels[i];
                if (k >= 0 && k < numClasses && filled[k] < cols) {
                    order[k * cols + filled[k]++] = i;
                }
            }
        } else {
            rows = Math.max(1, Math.min(cols, (count + cols - 1) / cols));
            order = new int[rows * cols];
            for (int i = 0; i < order.length; i++) {
                order[i] = i < count ? i : -1;
            }
        }
        int[] result = new int[2 + order.length];
        result[0] = rows;
        result[1] = cols;
        System.arraycopy(order, 0, result, 2, order.length);
        return result;
    }

    /**
     * Writes a grid as PNG, atomically.
     *
     * @param file the PNG file
     * @param images the images
     * @param labels their labels, or null
     * @param numClasses classes of a conditional model, or 0
     * @param shape {C, H, W}
     * @param cols columns
     * @throws IOException if the file cannot be written
     */
    public static void writePng(Path file, float[][] images, int[] labels, int numClasses, long[] shape, int cols)
            throws IOException {
        int[] layout = layout(images.length, labels, numClasses, cols);
        int[] order = java.util.Arrays.copyOfRange(layout, 2, layout.length);
        write(file, draw(images, order, layout[0], layout[1], shape, zoom(shape)));
    }

    /**
     * Writes the images in a grid of the given size, row by row, as PNG, atomically; cells past
     * the last image stay empty.
     *
     * @param file the PNG file
     * @param images the images, at most {@code rows * cols}
     * @param rows rows of the grid
     * @param cols columns of the grid
     * @param shape {C, H, W}
     * @throws IOException if the file cannot be written
     */
    public static void writePng(Path file, float[][] images, int rows, int cols, long[] shape) throws IOException {
        if (images.length > rows * cols) {
            throw new IllegalArgumentException(images.length + " images for a " + rows + "x" + cols + " grid");
        }
        int[] order = new int[rows * cols];
        for (int i = 0; i < order.length; i++) {
            order[i] = i < images.length ? i : -1;
        }
        write(file, draw(images, order, rows, cols, shape, zoom(shape)));
    }

    /** Small images are hard to judge at their own size: draw 28-pixel ones at 2x. */
    private static int zoom(long[] shape) {
        return shape[1] < 48 ? 2 : 1;
    }

    private static void write(Path file, BufferedImage picture) throws IOException {
        AtomicFiles.write(file, out -> ImageIO.write(picture, "png", out));
    }

    private static int toByte(float v) {
        float clipped = Math.max(-1f, Math.min(1f, v));
        return Math.round((clipped + 1f) * 127.5f);
    }
}
