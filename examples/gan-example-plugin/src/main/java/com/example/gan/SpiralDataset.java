package com.example.gan;

import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gan4j.api.data.DatasetProvider;
import org.gan4j.api.data.DatasetRequest;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/**
 * Points on a 2-D Archimedean spiral: radius t and angle 2π·turns·t for t in [0, 1] drawn so that
 * the points spread evenly along the curve (t = √u, u uniform), plus Gaussian noise. Unlimited
 * data: each batch is a function of (seed, epoch, batch index) alone, so runs reproduce exactly
 * and nothing is held in memory. The values already lie in about [-1, 1] (scale 1).
 *
 * <p>With {@code arms} = K &gt; 1 there are K such spirals, arm k turned by 2πk/K, each point on an
 * arm drawn uniformly; the data are then labelled, the label of a point being its arm ({@code
 * arm-0}, {@code arm-1}...), for games and models that use classes (the {@code aux-head} game). One
 * arm, the default, is the unlabelled spiral, drawn exactly as before the option existed.
 */
public final class SpiralDataset implements DatasetProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec("turns", "2", "turns of the spiral (positive)"),
            new OptionSpec("arms", "1", "spiral arms; more than 1 labels each point with its arm"),
            new OptionSpec("noise", "0.02", "standard deviation of the Gaussian noise added to each point"),
            new OptionSpec("samples", "256000", "fresh samples drawn per epoch"));

    /**
     * The most arms. Each is a class whose name run.json and exported files list, and with the
     * default 2 turns and noise, 8 arms already lie only about 3 noise widths apart.
     */
    static final int MAX_ARMS = 8;

    /** This dataset's random streams, apart from any other's with the same seed. */
    private static final long STREAM = 0x53504952414CL; // "SPIRAL"

    @Override
    public String name() {
        return "spiral";
    }

    @Override
    public String description() {
        return "example plugin: points on a noisy 2-D spiral";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public GanDataset open(DatasetRequest request) {
        Options o = request.options();
        double turns = o.getDouble("turns");
        double noise = o.getDouble("noise");
        int arms = o.getInt("arms");
        int samples = o.getInt("samples");
        if (!(turns > 0) || Double.isInfinite(turns)) {
            throw o.invalid("turns", Double.toString(turns), "a positive number");
        }
        if (arms < 1 || arms > MAX_ARMS) {
            throw o.invalid("arms", Integer.toString(arms), "an integer from 1 to " + MAX_ARMS);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw o.invalid("noise", Double.toString(noise), "0 or a positive number");
        }
        if (samples <= 0) {
            throw o.invalid("samples", Integer.toString(samples), "a positive integer");
        }
        return new Spiral(turns, arms, noise, samples, request.seed());
    }

    /**
     * The name of an arm's class.
     *
     * @param arm the arm, from 0
     * @return e.g. {@code arm-0}
     */
    static String armName(int arm) {
        return "arm-" + arm;
    }

    /** An opened spiral; holds nothing to close. */
    private record Spiral(double turns, int arms, double noise, int samples, long seed) implements GanDataset {

        @Override
        public Shape sampleShape() {
            return new Shape(2);
        }

        @Override
        public List<String> classNames() {
            return arms == 1 ? List.of() : IntStream.range(0, arms).mapToObj(SpiralDataset::armName).toList();
        }

        @Override
        public long size() {
            return samples;
        }

        @Override
        public Iterator<SampleBatch> epoch(long epoch, int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            }
            long batches = samples / batchSize;
            return new Iterator<>() {
                private long next;

                @Override
                public boolean hasNext() {
                    return next < batches;
                }

                @Override
                public SampleBatch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return batch(epoch, next++, batchSize);
                }
            };
        }

        private SampleBatch batch(long epoch, long index, int batchSize) {
            SplittableRandom random = Seeds.stream(seed, STREAM, epoch, index);
            float[] values = new float[2 * batchSize];
            int[] labels = arms == 1 ? null : new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                // One arm draws nothing for it, so that the unlabelled spiral stays what it was.
                int arm = arms == 1 ? 0 : random.nextInt(arms);
                double t = Math.sqrt(random.nextDouble());
                double angle = 2 * Math.PI * turns * t;
                if (arm > 0) {
                    angle += 2 * Math.PI * arm / arms;
                }
                values[2 * i] = (float) (t * Math.cos(angle) + noise * random.nextGaussian());
                values[2 * i + 1] = (float) (t * Math.sin(angle) + noise * random.nextGaussian());
                if (labels != null) {
                    labels[i] = arm;
                }
            }
            return new SampleBatch(batchSize, values, labels);
        }
    }
}
