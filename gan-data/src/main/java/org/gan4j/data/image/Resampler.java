package org.gan4j.data.image;

/**
 * Resizes one image plane, separably: area averaging along an axis that shrinks (each output
 * pixel is the mean of the source pixels it covers, weighted by how much of each it covers, as
 * OpenCV's {@code INTER_AREA}), and bilinear interpolation between pixel centres along an axis
 * that grows or keeps its size (OpenCV's and PIL's {@code align_corners=False} convention, which
 * is the identity at equal sizes). Both are averages with non-negative weights summing to 1, so
 * values stay within the source's range and a constant image stays constant.
 *
 * <p>Immutable and safe to share between threads.
 */
final class Resampler {

    /** For each output index along one axis, the source indices it reads and their weights. */
    private record Axis(int[][] index, float[][] weight) {}

    private final int srcHeight;
    private final int srcWidth;
    private final int dstHeight;
    private final int dstWidth;
    private final Axis rows;
    private final Axis cols;

    /**
     * Prepares the weights for one pair of sizes.
     *
     * @param srcHeight the source's rows
     * @param srcWidth the source's columns
     * @param dstHeight the output's rows
     * @param dstWidth the output's columns
     */
    Resampler(int srcHeight, int srcWidth, int dstHeight, int dstWidth) {
        if (srcHeight <= 0 || srcWidth <= 0 || dstHeight <= 0 || dstWidth <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + srcHeight + "x" + srcWidth
                    + " -> " + dstHeight + "x" + dstWidth);
        }
        this.srcHeight = srcHeight;
        this.srcWidth = srcWidth;
        this.dstHeight = dstHeight;
        this.dstWidth = dstWidth;
        this.rows = axis(srcHeight, dstHeight);
        this.cols = axis(srcWidth, dstWidth);
    }

    private static Axis axis(int src, int dst) {
        int[][] index = new int[dst][];
        float[][] weight = new float[dst][];
        double scale = (double) src / dst;
        for (int o = 0; o < dst; o++) {
            if (dst >= src) {
                // Bilinear: output pixel o's centre lies at source coordinate (o + 0.5) * scale - 0.5.
                double x = Math.max(0, (o + 0.5) * scale - 0.5);
                int i0 = Math.min((int) Math.floor(x), src - 1);
                double f = i0 == src - 1 ? 0 : x - i0;
                if (f == 0) {
                    index[o] = new int[] {i0};
                    weight[o] = new float[] {1f};
                } else {
                    index[o] = new int[] {i0, i0 + 1};
                    weight[o] = new float[] {(float) (1 - f), (float) f};
                }
            } else {
                // Area: output pixel o covers source interval [o * scale, (o + 1) * scale).
                double lo = o * scale;
                double hi = Math.min(src, (o + 1) * scale);
                int first = (int) Math.floor(lo);
                int last = Math.min(src - 1, (int) Math.ceil(hi) - 1);
                int n = last - first + 1;
                index[o] = new int[n];
                weight[o] = new float[n];
                for (int k = 0; k < n; k++) {
                    int i = first + k;
                    double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                    index[o][k] = i;
                    weight[o][k] = (float) (overlap / (hi - lo));
                }
            }
        }
        return new Axis(index, weight);
    }

    /** @return the number of values one output plane has */
    int outputSize() {
        return dstHeight * dstWidth;
    }

    /**
     * Resizes one plane.
     *
     * @param src the source values; the plane's pixel (y, x) is {@code src[offset + y * stride + x]}
     *     for y below the source height and x below the source width
     * @param offset where the plane starts in {@code src}
     * @param stride the distance between two rows in {@code src}
     * @param dst where the output goes, row-major, {@code dstHeight * dstWidth} values
     * @param dstOffset where the output starts in {@code dst}
     */
    void resize(float[] src, int offset, int stride, float[] dst, int dstOffset) {
        // Columns first, for every source row, then rows: each pass is a short weighted sum.
        float[] tmp = new float[srcHeight * dstWidth];
        for (int y = 0; y < srcHeight; y++) {
            int row = offset + y * stride;
            for (int x = 0; x < dstWidth; x++) {
                int[] idx = cols.index[x];
                float[] w = cols.weight[x];
                float sum = 0;
                for (int k = 0; k < idx.length; k++) {
                    sum += w[k] * src[row + idx[k]];
                }
                tmp[y * dstWidth + x] = sum;
            }
        }
        for (int y = 0; y < dstHeight; y++) {
            int[] idx = rows.index[y];
            float[] w = rows.weight[y];
            int out = dstOffset + y * dstWidth;
            for (int x = 0; x < dstWidth; x++) {
                float sum = 0;
                for (int k = 0; k < idx.length; k++) {
                    sum += w[k] * tmp[idx[k] * dstWidth + x];
                }
                dst[out + x] = sum;
            }
        }
    }

    /** @return a description for debugging */
    @Override
    public String toString() {
        return "Resampler(" + srcHeight + "x" + srcWidth + " -> " + dstHeight + "x" + dstWidth + ")";
    }
}
