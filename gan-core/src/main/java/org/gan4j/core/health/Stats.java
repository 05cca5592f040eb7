package org.gan4j.core.health;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Robust summaries of a window of measurements: medians and percentiles ignore single spikes. */
final class Stats {

    private Stats() {}

    static <T> double[] values(List<T> items, ToDoubleFunction<T> f) {
        double[] v = new double[items.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(items.get(i));
        }
        return v;
    }

    /** The q-quantile (0 to 1) by linear interpolation; NaN for no values. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    static <T> double median(List<T> items, ToDoubleFunction<T> f) {
        return median(values(items, f));
    }

    /** The last {@code n} items (all when there are fewer). */
    static <T> List<T> last(List<T> items, int n) {
        return items.subList(Math.max(0, items.size() - n), items.size());
    }
}
