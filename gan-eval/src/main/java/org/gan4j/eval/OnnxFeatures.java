package org.gan4j.eval;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.gan4j.api.ConfigException;

/**
 * Features from a user's ONNX network, run through ONNX Runtime: with an InceptionV3 file whose
 * output is the 2048-unit pool layer, the Fréchet distance on them is the standard FID.
 *
 * <p>The model's single (or first) input must be a float tensor of rank 4, {@code [N, C, H, W]}
 * or {@code [N, H, W, C]} (the layout is read from where the 1 or 3 channels sit). Images, which
 * gan4j keeps as {@code [C, H, W]} in [-1, 1], are prepared to fit: resized bilinearly to the
 * model's H x W when they differ (as {@code torch.nn.functional.interpolate(mode="bilinear",
 * align_corners=False)}, what pytorch-fid uses), a single channel repeated to 3 when the model
 * wants 3, the values mapped to the model's {@link Range}, and transposed to NHWC when the model
 * says so. The features are a named output (by default the first), flattened per sample.
 */
public final class OnnxFeatures implements FeatureExtractor {

    /** The value range a model expects its pixels in. */
    public enum Range {
        /** [-1, 1], gan4j's own. */
        MINUS_ONE_TO_ONE("-1..1"),
        /** [0, 1]. */
        ZERO_TO_ONE("0..1"),
        /** [0, 255]. */
        ZERO_TO_255("0..255");

        private final String label;

        Range(String label) {
            this.label = label;
        }

        /** @return how it is written on the command line, e.g. "0..1" */
        public String label() {
            return label;
        }

        /**
         * Parses a range.
         *
         * @param text "-1..1", "0..1" or "0..255"
         * @return the range
         * @throws ConfigException if it is none of them
         */
        public static Range parse(String text) {
            for (Range r : values()) {
                if (r.label.equals(text.trim())) {
                    return r;
                }
            }
            throw new ConfigException("--features-range must be -1..1, 0..1 or 0..255, got '" + text + "'");
        }

        float map(float v) {
            return switch (this) {
                case MINUS_ONE_TO_ONE -> v;
                case ZERO_TO_ONE -> (v + 1f) * 0.5f;
                case ZERO_TO_255 -> (v + 1f) * 127.5f;
            };
        }
    }

    private static final int DEFAULT_BATCH = 32;

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final boolean nhwc;
    private final long batchDim;
    private final long channels;
    private final long height;
    private final long width;
    private final long[] imageShape;
    private final Range range;
    private final int dimension;

    private OnnxFeatures(Path file, OrtEnvironment env, OrtSession session, String input, String output, boolean nhwc,
            long[] modelShape, long[] imageShape, Range range) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.input = input;
        this.output = output;
        this.nhwc = nhwc;
        this.batchDim = modelShape[0];
        this.channels = nhwc ? modelShape[3] : modelShape[1];
        long h = nhwc ? modelShape[1] : modelShape[2];
        long w = nhwc ? modelShape[2] : modelShape[3];
        // A dynamic height or width takes the images' own.
        this.height = h > 0 ? h : imageShape[1];
        this.width = w > 0 ? w : imageShape[2];
        this.imageShape = imageShape.clone();
        this.range = range;
        this.dimension = extract(new float[][] {new float[(int) (imageShape[0] * imageShape[1] * imageShape[2])]})
                .features()[0].length;
    }

    /**
     * Opens an ONNX feature extractor for images of a shape.
     *
     * @param file the .onnx file
     * @param outputName the output to take, or null for the first
     * @param range the value range the model expects
     * @param imageShape the images' {@code [C, H, W]}
     * @return the extractor
     * @throws ConfigException with a one-line cause if the file cannot serve
     */
    public static OnnxFeatures open(Path file, String outputName, Range range, long[] imageShape) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--features " + file + (Files.exists(file) ? " is not a file" : " does not exist")
                    + "; give an .onnx feature extractor (e.g. InceptionV3) or 'classifier'");
        }
        if (imageShape.length != 3) {
            throw new ConfigException("ONNX features are for images, but these samples have shape "
                    + Arrays.toString(imageShape) + "; use the toy metrics or --features classifier");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            session = env.createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new ConfigException("--features " + file + " is not an ONNX model ONNX Runtime can load ("
                    + firstLine(e.getMessage()) + "); give an .onnx feature extractor", e);
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
            if (!(in.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
                throw new ConfigException("--features " + file + ": input '" + in.getKey() + "' is "
                        + in.getValue().getInfo() + ", not a float tensor; export the model with a float32 image input");
            }
            long[] shape = t.getShape();
            if (shape.length != 4) {
                throw new ConfigException("--features " + file + ": input '" + in.getKey() + "' has rank " + shape.length
                        + " (shape " + Arrays.toString(shape) + "); an image feature extractor needs rank 4, [N, C, H, W]"
                        + " or [N, H, W, C]");
            }
            boolean nhwc = isChannels(shape[3]) && !isChannels(shape[1]);
            long c = nhwc ? shape[3] : shape[1];
            long imageChannels = imageShape[0];
            if (c > 0 && c != imageChannels && !(imageChannels == 1 && c == 3)) {
                throw new ConfigException("--features " + file + " wants " + c + " channels (input shape "
                        + Arrays.toString(shape) + ") but the images have " + imageChannels
                        + "; only equal channels or 1 repeated to 3 can be mapped; use a model for " + imageChannels
                        + "-channel images or --features classifier");
            }
            String out;
            if (outputName == null) {
                out = session.getOutputNames().iterator().next();
            } else if (session.getOutputNames().contains(outputName)) {
                out = outputName;
            } else {
                throw new ConfigException("--features " + file + " has no output '" + outputName + "'; its outputs are "
                        + session.getOutputNames());
            }
            return new OnnxFeatures(file, env, session, in.getKey(), out, nhwc, shape, imageShape, range);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ConfigException("--features " + file + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static boolean isChannels(long d) {
        return d == 1 || d == 3;
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "no detail";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // Already failing with a clearer message.
        }
    }

    @Override
    public String description() {
        return "onnx " + file.getFileName() + " output '" + output + "' (" + (nhwc ? "NHWC " : "NCHW ") + channels + "x"
                + height + "x" + width + ", range " + range.label() + ")";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Extracted extract(float[][] images) {
        int batch = batchDim > 0 ? (int) batchDim : DEFAULT_BATCH;
        int c = (int) (channels > 0 ? channels : imageShape[0]);
        int h = (int) height;
        int w = (int) width;
        int per = c * h * w;
        float[][] out = new float[images.length][];
        for (int from = 0; from < images.length; from += batch) {
            int n = batchDim > 0 ? batch : Math.min(batch, images.length - from);
            int real = Math.min(n, images.length - from);
            float[] flat = new float[n * per];
            for (int i = 0; i < real; i++) {
                prepare(images[from + i], flat, i * per, c, h, w);
            }
            long[] shape = nhwc ? new long[] {n, h, w, c} : new long[] {n, c, h, w};
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), shape);
                    OrtSession.Result result = session.run(Map.of(input, tensor), java.util.Set.of(output))) {
                Optional<OnnxValue> value = result.get(output);
                if (value.isEmpty() || !(value.get() instanceof OnnxTensor t)) {
                    throw new ConfigException("--features " + file + ": output '" + output + "' is not a tensor");
                }
                FloatBuffer buffer = t.getFloatBuffer();
                if (buffer == null) {
                    throw new ConfigException("--features " + file + ": output '" + output + "' is not float");
                }
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                int d = values.length / n;
                for (int i = 0; i < real; i++) {
                    out[from + i] = Arrays.copyOfRange(values, i * d, (i + 1) * d);
                }
            } catch (OrtException e) {
                throw new ConfigException("--features " + file + " failed on a batch of " + n + " images: "
                        + firstLine(e.getMessage()), e);
            }
        }
        return new Extracted(out, null);
    }

    /** Resizes, repeats channels, maps the range and lays out one image into {@code dst} at {@code at}. */
    private void prepare(float[] image, float[] dst, int at, int c, int h, int w) {
        int ic = (int) imageShape[0];
        int ih = (int) imageShape[1];
        int iw = (int) imageShape[2];
        if (image.length != ic * ih * iw) {
            throw new IllegalArgumentException("an image has " + image.length + " values, not " + ic * ih * iw);
        }
        for (int ch = 0; ch < c; ch++) {
            int src = ic == 1 ? 0 : ch;
            float[] plane = Arrays.copyOfRange(image, src * ih * iw, (src + 1) * ih * iw);
            float[] resized = h == ih && w == iw ? plane : resize(plane, ih, iw, h, w);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = range.map(resized[y * w + x]);
                    int index = nhwc ? (y * w + x) * c + ch : ch * h * w + y * w + x;
                    dst[at + index] = v;
                }
            }
        }
    }

    /**
     * Bilinear resizing of one plane with half-pixel centres and edge clamping, as PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)} without antialiasing.
     *
     * @param src the plane, row-major
     * @param ih its height
     * @param iw its width
     * @param oh the new height
     * @param ow the new width
     * @return the resized plane
     */
    static float[] resize(float[] src, int ih, int iw, int oh, int ow) {
        float[] out = new float[oh * ow];
        double sy = (double) ih / oh;
        double sx = (double) iw / ow;
        for (int y = 0; y < oh; y++) {
            double fy = Math.max((y + 0.5) * sy - 0.5, 0);
            int y0 = Math.min((int) fy, ih - 1);
            int y1 = Math.min(y0 + 1, ih - 1);
            double ly = fy - y0;
            for (int x = 0; x < ow; x++) {
                double fx = Math.max((x + 0.5) * sx - 0.5, 0);
                int x0 = Math.min((int) fx, iw - 1);
                int x1 = Math.min(x0 + 1, iw - 1);
                double lx = fx - x0;
                double top = src[y0 * iw + x0] * (1 - lx) + src[y0 * iw + x1] * lx;
                double bottom = src[y1 * iw + x0] * (1 - lx) + src[y1 * iw + x1] * lx;
                out[y * ow + x] = (float) (top * (1 - ly) + bottom * ly);
            }
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    @Override
    public String toString() {
        return description();
    }
}
