package org.gan4j.data.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.SplittableRandom;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * Filled shapes in 6 classes, drawn with Java2D's antialiasing: circle, square, triangle, cross,
 * diamond and ring. Each image has one shape at a random position, size and (for shapes that
 * have one) rotation, kept inside the image, on a dark background: white on black with {@code
 * channels=1}, a random saturated colour on a random dark one with {@code channels=3}. The set is
 * a function of the seed, drawn once when the dataset is opened (12,800 images of 32x32 take
 * under a second), with the classes in turn so that they are balanced. It needs no files,
 * so image and conditional models can be tested anywhere, quickly.
 *
 * <p>Pixels come from the JDK's rasterizer: the same seed gives the same images on one JDK;
 * another JDK release may antialias edges a little differently.
 */
public final class ShapesProvider implements DatasetProvider {

    static final String SAMPLES = "samples";

    static final List<String> CLASSES = List.of("circle", "square", "triangle", "cross", "diamond", "ring");

    private static final long STREAM_ID = 0x534841504553L; // "SHAPES"

    @Override
    public String name() {
        return "shapes";
    }

    @Override
    public String description() {
        return "generated shapes in 6 classes (circle, square, triangle, cross, diamond, ring), no files";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                ImageOptions.size(32),
                ImageOptions.channels(1, "1 for a white shape on black, 3 for a coloured one on a dark colour"),
                new OptionSpec(SAMPLES, "12800", "images in the set (one epoch), fixed by the seed"));
    }

    @Override
    public GanDataset open(DatasetRequest request) {
        Options options = request.options();
        int size = ImageOptions.size(options);
        int channels = ImageOptions.channels(options);
        int samples = options.getInt(SAMPLES);
        if (samples <= 0) {
            throw options.invalid(SAMPLES, options.getString(SAMPLES), "a positive integer");
        }
        ImageOptions.checkMemory(name(), samples, channels, size);
        Painter painter = new Painter(size, channels);
        byte[][] images = new byte[samples][];
        int[] labels = new int[samples];
        try {
            for (int i = 0; i < samples; i++) {
                labels[i] = i % CLASSES.size();
                // A stream per image: any image can be redrawn without the ones before it.
                images[i] = painter.paint(labels[i], Seeds.stream(request.seed(), STREAM_ID, i));
            }
        } finally {
            painter.dispose();
        }
        return new ImageDataset(images, labels, CLASSES, channels, size, size, size, request.seed());
    }

    /** Draws one image after another on one canvas, which is cleared in between. */
    private static final class Painter {

        private final int size;
        private final int channels;
        private final BufferedImage canvas;
        private final Graphics2D g;

        Painter(int size, int channels) {
            this.size = size;
            this.channels = channels;
            this.canvas = new BufferedImage(size, size,
                    channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            this.g = canvas.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Exact geometry: without it Java2D nudges outlines to pixel centres.
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        }

        byte[] paint(int shape, SplittableRandom random) {
            Color background = Color.BLACK;
            Color foreground = Color.WHITE;
            if (channels == 3) {
                background = new Color(random.nextInt(48), random.nextInt(48), random.nextInt(48));
                foreground = Color.getHSBColor(
                        (float) random.nextDouble(),
                        (float) (0.75 + 0.25 * random.nextDouble()),
                        (float) (0.85 + 0.15 * random.nextDouble()));
            }
            // r is the circumradius, so the shape stays inside the image at any rotation.
            double r = size * (0.2 + 0.25 * random.nextDouble());
            double cx = r + (size - 2 * r) * random.nextDouble();
            double cy = r + (size - 2 * r) * random.nextDouble();
            g.setColor(background);
            g.fillRect(0, 0, size, size);
            g.setColor(foreground);
            g.fill(shape(shape, cx, cy, r, random));
            return pixels();
        }

        private static Shape shape(int shape, double cx, double cy, double r, SplittableRandom random) {
            return switch (CLASSES.get(shape)) {
                case "circle" -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
                case "square" -> regular(cx, cy, r, 4, Math.PI / 4 + random.nextDouble() * Math.PI / 2);
                case "triangle" -> regular(cx, cy, r, 3, -Math.PI / 2 + random.nextDouble() * 2 * Math.PI / 3);
                case "cross" -> {
                    // A plus sign whose arms are 0.6 of their length wide, as a 12-sided outline.
                    double a = r / Math.hypot(1, 0.3);
                    double t = 0.3 * a;
                    double[][] pts = {
                        {t, -a}, {t, -t}, {a, -t}, {a, t}, {t, t}, {t, a},
                        {-t, a}, {-t, t}, {-a, t}, {-a, -t}, {-t, -t}, {-t, -a}};
                    yield polygon(cx, cy, pts, random.nextDouble() * Math.PI / 2);
                }
                case "diamond" -> polygon(cx, cy,
                        new double[][] {{0, -r}, {0.55 * r, 0}, {0, r}, {-0.55 * r, 0}},
                        random.nextDouble() * Math.PI);
                case "ring" -> {
                    Path2D.Double ring = new Path2D.Double(Path2D.WIND_EVEN_ODD);
                    double inner = 0.55 * r;
                    ring.append(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), false);
                    ring.append(new Ellipse2D.Double(cx - inner, cy - inner, 2 * inner, 2 * inner), false);
                    yield ring;
                }
                default -> throw new IllegalStateException("no drawing for class " + CLASSES.get(shape));
            };
        }

        /** A regular polygon with {@code n} corners on a circle of radius r, the first at angle a0. */
        private static Shape regular(double cx, double cy, double r, int n, double a0) {
            double[][] pts = new double[n][];
            for (int k = 0; k < n; k++) {
                double a = a0 + 2 * Math.PI * k / n;
                pts[k] = new double[] {r * Math.cos(a), r * Math.sin(a)};
            }
            return polygon(cx, cy, pts, 0);
        }

        /** The polygon through the points, rotated by {@code angle} about the origin, then moved to (cx, cy). */
        private static Shape polygon(double cx, double cy, double[][] pts, double angle) {
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            Path2D.Double path = new Path2D.Double();
            for (int k = 0; k < pts.length; k++) {
                double x = cx + cos * pts[k][0] - sin * pts[k][1];
                double y = cy + sin * pts[k][0] + cos * pts[k][1];
                if (k == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            path.closePath();
            return path;
        }

        /** The canvas as planar bytes: grey, or R, G, B. */
        private byte[] pixels() {
            if (channels == 1) {
                return ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData().clone();
            }
            int[] rgb = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
            int n = size * size;
            byte[] out = new byte[3 * n];
            for (int k = 0; k < n; k++) {
                out[k] = (byte) (rgb[k] >> 16);
                out[n + k] = (byte) (rgb[k] >> 8);
                out[2 * n + k] = (byte) rgb[k];
            }
            return out;
        }

        void dispose() {
            g.dispose();
        }
    }
}
