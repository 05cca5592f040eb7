package org.gan4j.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.api.data.Seeds;
import org.gan4j.api.game.Batch;
import org.gan4j.api.game.DiscriminatorFigures;
import org.gan4j.api.game.Game;
import org.gan4j.api.game.Snapshot;
import org.gan4j.api.game.StepContext;
import org.gan4j.api.game.StepResult;
import org.gan4j.api.game.UpdateBody;
import org.gan4j.api.game.UpdateLoss;
import org.gan4j.api.game.UpdateResult;
import org.gan4j.api.game.UpdateSpec;
import org.gan4j.core.engine.HostUploads;
import org.gan4j.core.engine.InputGradients;
import org.gan4j.core.optim.Adam;

/**
 * Runs a game's steps: the {@link StepContext} a game sees. Each step's arrays live in an {@link
 * NDScope} closed when the step ends, and each update's in one closed when the update ends (only
 * its figures leave it, as host values), so native memory stays flat however long the run and the
 * next update starts from the memory a step starts with, as in PyTorch, where dropped references
 * free tensors at once. Internal to the training runtime; public for gan4j's own benchmarks.
 */
public final class StepRunner implements StepContext {

    private final GameNetworks networks;
    private final GameOptimizers optimizers;
    private final Map<String, UpdateSpec> updates = new LinkedHashMap<>();
    private final HostUploads uploads;
    private final InputGradients inputGradients;
    private final Shape sampleShape;
    private final long seed;
    private final long totalSteps;
    private long step;
    private boolean measured;
    private Iterator<SampleBatch> batches;
    private int batchesLeft;
    private boolean inUpdate;
    /** The networks the current update trains. */
    private List<String> trained = List.of();
    /** The networks the current update holds fixed and has run, their gradients off until it ends. */
    private final Set<String> held = new LinkedHashSet<>();

    /**
     * Creates the runner.
     *
     * @param game the game, for its updates
     * @param networks its initialized networks
     * @param optimizers its optimizers
     * @param sampleShape the shape of one real sample
     * @param seed the run's seed
     * @param totalSteps the run's length
     */
    public StepRunner(Game game, GameNetworks networks, GameOptimizers optimizers, Shape sampleShape, long seed,
            long totalSteps) {
        this.networks = networks;
        this.optimizers = optimizers;
        for (UpdateSpec u : game.updates()) {
            optimizers.get(u.optimizer());
            if (updates.put(u.name(), u) != null) {
                throw new IllegalArgumentException("two updates are named '" + u.name() + "'");
            }
        }
        this.uploads = new HostUploads(networks.manager());
        // Looked up once: only penalties need it, and an engine without it fails at their first use.
        InputGradients found;
        try {
            found = InputGradients.forEngine(networks.engine());
        } catch (RuntimeException e) {
            found = (output, input) -> {
                throw e;
            };
        }
        this.inputGradients = found;
        this.sampleShape = sampleShape;
        this.seed = seed;
        this.totalSteps = totalSteps;
    }

    /**
     * Runs one step of a game.
     *
     * @param game the game
     * @param step the step, from 1
     * @param source the epoch's batches; the step takes {@link Game#batchesPerStep()} of them
     * @param measure whether to measure the updates for the health monitor (gradient norms, the
     *     discriminator's figures): a few reductions and a copy to the host per update
     * @return what the step reported
     */
    public StepResult run(Game game, long step, Iterator<SampleBatch> source, boolean measure) {
        this.step = step;
        this.measured = measure;
        this.batches = source;
        this.batchesLeft = game.batchesPerStep();
        StepResult result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = game.step(this);
        } finally {
            batches = null;
        }
        // Batches a step did not ask for are skipped, so every step starts where the last ended
        // (and a resumed run, which skips batchesPerStep a finished step, reads what this one did).
        for (; batchesLeft > 0; batchesLeft--) {
            source.next();
        }
        return result;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public NDManager manager() {
        return networks.manager();
    }

    @Override
    public Batch nextBatch() {
        if (batches == null || batchesLeft == 0) {
            throw new NoSuchElementException("the game's step asked for more real batches than its batchesPerStep()");
        }
        batchesLeft--;
        SampleBatch b = batches.next();
        NDArray x = uploads.floats(b.values(), new Shape(b.size()).addAll(sampleShape));
        NDArray labels = b.labels() == null ? null : uploads.ints(b.labels(), new Shape(b.size()));
        return new Batch(x, labels);
    }

    @Override
    public NDArray normal(Shape shape, long... coordinates) {
        SplittableRandom random = Seeds.stream(seed, coordinates);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return uploads.floats(v, shape);
    }

    @Override
    public NDArray labels(int count, int classes, long... coordinates) {
        SplittableRandom random = Seeds.stream(seed, coordinates);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
        }
        return uploads.ints(labels, new Shape(count));
    }

    @Override
    public SplittableRandom random(long... coordinates) {
        return Seeds.stream(seed, coordinates);
    }

    @Override
    public NDList forward(String role, NDList inputs) {
        if (inUpdate && !trained.contains(role) && held.add(role)) {
            // Held fixed: it records no gradient for its parameters, rather than one then ignored.
            // Switched off when the update first runs it, so a network it never runs costs nothing.
            GameNetworks.trackGradients(networks.parameters(role), false);
        }
        return networks.forward(role, inputs, true);
    }

    @Override
    public List<Parameter> parameters(String role) {
        return networks.parameters(role);
    }

    @Override
    public UpdateResult update(String name, UpdateBody body) {
        UpdateSpec spec = updates.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("the game has no update '" + name + "'; its updates: " + updates.keySet());
        }
        if (inUpdate) {
            throw new IllegalStateException("update '" + name + "' was started inside another update; updates do not nest");
        }
        GameOptimizers.Entry optimizer = optimizers.get(spec.optimizer());
        trained = optimizer.spec().networks();
        inUpdate = true;
        // Everything the update creates (forward passes, the graph) is released when it ends.
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            UpdateLoss loss;
            Figures figures = null;
            try (GradientCollector collector = networks.engine().newGradientCollector()) {
                loss = body.compute();
                collector.backward(loss.loss());
                if (measured && loss.realScores() != null) {
                    figures = figures(loss, optimizer.parameters());
                }
            }
            double norm = Double.NaN;
            if (figures != null) {
                norm = figures.gradientNorm();
            } else if (measured) {
                norm = Math.sqrt(squaredNorm(optimizer.parameters()).getFloat());
            }
            optimizer.adam().step();
            float value = loss.loss().getFloat();
            if (!Float.isFinite(value)) {
                throw new Diverged("training diverged at step " + step + ": the " + spec.optimizer() + " loss is "
                        + value, step);
            }
            return new UpdateResult(name, value, norm, figures == null ? null : figures.discriminator());
        } finally {
            for (String role : held) {
                GameNetworks.trackGradients(networks.parameters(role), true);
            }
            held.clear();
            inUpdate = false;
        }
    }

    /** A discriminator's figures with the global norm of the gradients, read in one copy. */
    private record Figures(DiscriminatorFigures discriminator, double gradientNorm) {}

    private static Figures figures(UpdateLoss loss, List<Parameter> parameters) {
        NDArray real = loss.realScores().stopGradient().flatten().toType(DataType.FLOAT32, false);
        NDArray fake = loss.fakeScores().stopGradient().flatten().toType(DataType.FLOAT32, false);
        NDArray realMean = real.mean();
        NDArray fakeMean = fake.mean();
        NDArray t = loss.threshold().isPresent()
                ? real.getManager().create((float) loss.threshold().getAsDouble())
                : realMean.add(fakeMean).div(2);
        NDArray realAccuracy = real.gt(t).toType(DataType.FLOAT32, false).mean();
        NDArray fakeAccuracy = fake.lte(t).toType(DataType.FLOAT32, false).mean();
        float[] v = NDArrays.stack(new NDList(realAccuracy, fakeAccuracy, realMean, fakeMean, t, squaredNorm(parameters)))
                .toFloatArray();
        return new Figures(new DiscriminatorFigures(v[0], v[1], v[2], v[3], v[4]), Math.sqrt(v[5]));
    }

    /** The sum of the squares of the parameters' gradients, as a scalar array. */
    private static NDArray squaredNorm(List<Parameter> parameters) {
        NDArray sum = null;
        for (Parameter p : parameters) {
            NDArray squares = p.getArray().getGradient().toType(DataType.FLOAT32, false).square().sum();
            sum = sum == null ? squares : sum.add(squares);
        }
        return sum;
    }

    @Override
    public Snapshot snapshot(String optimizer) {
        GameOptimizers.Entry entry = optimizers.get(optimizer);
        List<Parameter> parameters = entry.parameters();
        List<NDArray> weights = parameters.stream().map(p -> p.getArray().duplicate()).toList();
        Adam.Snapshot moments = entry.adam().snapshot();
        return new Snapshot() {
            @Override
            public void restore() {
                for (int i = 0; i < weights.size(); i++) {
                    Adam.copyInto(parameters.get(i).getArray(), weights.get(i));
                }
                entry.adam().restore(moments);
            }

            @Override
            public void close() {
                weights.forEach(NDArray::close);
                moments.close();
            }
        };
    }

    @Override
    public NDArray inputGradient(NDArray output, NDArray input) {
        if (!inUpdate) {
            throw new IllegalStateException("input gradients are taken inside an update, while gradients are recorded");
        }
        return inputGradients.inputGradient(output, input);
    }

    @Override
    public NDArray requireGradient(NDArray x) {
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }
}
