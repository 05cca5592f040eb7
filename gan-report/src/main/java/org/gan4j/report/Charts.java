package org.gan4j.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts for the report, drawn with XChart off-screen and encoded as PNG. */
final class Charts {

    static {
        // Charts are drawn off-screen; never try to open a display.
        System.setProperty("java.awt.headless", "true");
    }

    /** Width of every chart in pixels. */
    static final int WIDTH = 800;

    /** Height of every chart in pixels. */
    static final int HEIGHT = 300;

    /**
     * Most points drawn per series: about one per pixel of the plot. Longer series are averaged
     * in buckets, which also smooths per-step noise and keeps drawing time flat for long runs.
     */
    static final int MAX_POINTS = 800;

    /** Series with at most this many points get markers, so isolated evaluations stay visible. */
    private static final int MARKERS_UP_TO = 60;

    private Charts() {}

    /**
     * One line of a chart.
     *
     * @param name the legend's name
     * @param x x values
     * @param y y values, as many as x; non-finite points are left out
     * @param rightAxis whether the series is read against a second y axis on the right
     */
    record Series(String name, double[] x, double[] y, boolean rightAxis) {
        Series(String name, double[] x, double[] y) {
            this(name, x, y, false);
        }
    }

    /**
     * What to draw.
     *
     * @param title the chart's title
     * @param xTitle the x axis's title
     * @param yTitle the (left) y axis's title
     * @param rightTitle the right y axis's title, for series on it, or null
     * @param series the lines
     * @param logY whether the y axis is logarithmic (points at or below zero are then left out)
     * @param yMin the y axis's lower end, or null to fit the data
     * @param yMax the y axis's upper end, or null to fit the data
     */
    record Spec(String title, String xTitle, String yTitle, String rightTitle, List<Series> series, boolean logY,
            Double yMin, Double yMax) {}

    /**
     * A drawn chart.
     *
     * @param png the PNG bytes
     * @param bucket rows averaged into one point (1 when every row is drawn)
     */
    record Drawn(byte[] png, int bucket) {}

    /**
     * Draws a chart.
     *
     * @param spec what to draw
     * @return the chart, or null when no series has a point to draw
     * @throws IOException if encoding fails
     */
    static Drawn draw(Spec spec) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendBorderColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(5);
        // Steps run to the ten thousands: without grouping separators the tick labels stay apart.
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisLogarithmic(spec.logY());
        if (spec.yMin() != null) {
            chart.getStyler().setYAxisMin(spec.yMin());
        }
        if (spec.yMax() != null) {
            chart.getStyler().setYAxisMax(spec.yMax());
        }
        int bucket = 1;
        int drawn = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (Series s : spec.series()) {
            double[][] points = finite(s.x(), s.y(), spec.logY());
            if (points[0].length == 0) {
                continue;
            }
            int k = (points[0].length + MAX_POINTS - 1) / MAX_POINTS;
            if (k > 1) {
                points = averaged(points, k);
                bucket = Math.max(bucket, k);
            }
            for (double x : points[0]) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
            }
            XYSeries added = chart.addSeries(s.name(), points[0], points[1]);
            added.setMarker(points[0].length <= MARKERS_UP_TO ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (s.rightAxis()) {
                added.setYAxisGroup(1);
                chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
                if (spec.rightTitle() != null) {
                    chart.setYAxisGroupTitle(1, spec.rightTitle());
                }
            }
            drawn++;
        }
        if (drawn == 0) {
            return null;
        }
        if (minX >= 0 && maxX > 100) {
            // A step axis starting at its first logged step (say 7) gets ticks at 7, 154, 301...;
            // from zero they are round.
            chart.getStyler().setXAxisMin(0.0);
        }
        // A single line needs no legend: the axis title names it.
        chart.getStyler().setLegendVisible(drawn > 1);
        // Painted on an opaque image: PNGs without an alpha channel are smaller and quicker to encode.
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, WIDTH, HEIGHT);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(32 * 1024);
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("this JVM has no PNG encoder");
        }
        return new Drawn(png.toByteArray(), bucket);
    }

    /** The points with both coordinates finite (and y positive on a log axis), as {xs, ys}. */
    private static double[][] finite(double[] x, double[] y, boolean positive) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!positive || y[i] > 0)) {
                kept.add(new double[] {x[i], y[i]});
            }
        }
        double[][] out = new double[2][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            out[0][i] = kept.get(i)[0];
            out[1][i] = kept.get(i)[1];
        }
        return out;
    }

    /** Means of consecutive buckets of k points, x and y alike. */
    static double[][] averaged(double[][] points, int k) {
        int n = points[0].length;
        int m = (n + k - 1) / k;
        double[][] out = new double[2][m];
        for (int b = 0; b < m; b++) {
            int from = b * k;
            int to = Math.min(n, from + k);
            double sx = 0;
            double sy = 0;
            for (int i = from; i < to; i++) {
                sx += points[0][i];
                sy += points[1][i];
            }
            out[0][b] = sx / (to - from);
            out[1][b] = sy / (to - from);
        }
        return out;
    }
}
