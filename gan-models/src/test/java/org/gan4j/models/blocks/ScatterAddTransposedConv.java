package org.gan4j.models.blocks;

/**
 * The definition of a transposed convolution, in plain Java loops, as an independent reference:
 * every input pixel scatters its value times the kernel into the output, at its position times the
 * stride, shifted back by the padding; contributions outside the output are dropped; the bias is
 * added everywhere.
 */
final class ScatterAddTransposedConv {

    private ScatterAddTransposedConv() {}

    /**
     * The output of a case.
     *
     * @param c the configuration
     * @param x the input, [N, Cin, H, W] in row-major order
     * @param w the weight, [Cin, Cout, kH, kW]
     * @param b the bias, [Cout], or null
     * @return the output, [N, Cout, H_out, W_out]
     */
    static double[] forward(TransposedConvCase c, double[] x, double[] w, double[] b) {
        int outH = c.outHeight();
        int outW = c.outWidth();
        double[] y = new double[c.batch() * c.outChannels() * outH * outW];
        for (int n = 0; n < c.batch(); n++) {
            for (int co = 0; co < c.outChannels(); co++) {
                int plane = (n * c.outChannels() + co) * outH * outW;
                for (int i = 0; i < outH * outW; i++) {
                    y[plane + i] = b == null ? 0 : b[co];
                }
                for (int ci = 0; ci < c.inChannels(); ci++) {
                    for (int h = 0; h < c.height(); h++) {
                        for (int v = 0; v < c.width(); v++) {
                            double xv = x[((n * c.inChannels() + ci) * c.height() + h) * c.width() + v];
                            for (int i = 0; i < c.kernelH(); i++) {
                                int oy = h * c.strideH() - c.padH() + i;
                                if (oy < 0 || oy >= outH) {
                                    continue;
                                }
                                for (int j = 0; j < c.kernelW(); j++) {
                                    int ox = v * c.strideW() - c.padW() + j;
                                    if (ox < 0 || ox >= outW) {
                                        continue;
                                    }
                                    double wv = w[((ci * c.outChannels() + co) * c.kernelH() + i) * c.kernelW() + j];
                                    y[plane + oy * outW + ox] += xv * wv;
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }
}
