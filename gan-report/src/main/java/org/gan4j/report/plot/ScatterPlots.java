package org.gan4j.report.plot;

import java.io.IOException;
import java.nio.file.Path;
import org.gan4j.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Scatter plots of 2-D samples, drawn with XChart and written as PNG. */
public final class ScatterPlots {

    static {
        // Plots are drawn off-screen; never try to open a display.
        System.setProperty("java.awt.headless", "true");
    }

    private ScatterPlots() {}

    /**
     * Writes a scatter plot of generated points, with real points behind them if given.
     *
     * @param target the PNG file, written atomically
     * @param title the chart's title
     * @param generated generated points, rows of at least 2 values (the first two are plotted)
     * @param real real points, or null
     * @param extent half the width of the square plotted, centred on the origin
     * @throws IOException if writing fails
     */
    public static void write(Path target, String title, float[][] generated, float[][] real, double extent)
            throws IOException {
        XYChart chart =
                new XYChartBuilder().width(640).height(640).title(title).xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setXAxisMin(-extent);
        chart.getStyler().setXAxisMax(extent);
        chart.getStyler().setYAxisMin(-extent);
        chart.getStyler().setYAxisMax(extent);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        if (real != null) {
            XYSeries s = chart.addSeries("real", column(real, 0), column(real, 1));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new java.awt.Color(150, 150, 150));
        }
        XYSeries g = chart.addSeries("generated", column(generated, 0), column(generated, 1));
        g.setMarker(SeriesMarkers.CIRCLE);
        g.setMarkerColor(new java.awt.Color(214, 39, 40, 160));
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(target, out -> out.write(png));
    }

    /**
     * A square extent that holds the points with a margin.
     *
     * @param points rows of at least 2 values
     * @return half the side of the square
     */
    public static double extentOf(float[][] points) {
        double max = 0;
        for (float[] p : points) {
            if (Float.isFinite(p[0]) && Float.isFinite(p[1])) {
                max = Math.max(max, Math.max(Math.abs(p[0]), Math.abs(p[1])));
            }
        }
        return max == 0 ? 1 : max * 1.25;
    }

    private static double[] column(float[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }
}
