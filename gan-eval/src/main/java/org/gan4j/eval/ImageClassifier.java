package org.gan4j.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;
import org.gan4j.api.GanException;
import org.gan4j.api.config.AdamConfig;
import org.gan4j.api.data.GanDataset;
import org.gan4j.api.data.SampleBatch;
import org.gan4j.core.optim.Adam;
import org.gan4j.core.run.RunDirectory;

/**
 * A small convolutional classifier of a labelled image dataset, used to check that a conditional
 * generator draws the class it is asked for: the share of generated samples classified as their
 * requested class ("conditional accuracy"). Two 3 x 3 convolutions (32 and 64 channels, batch
 * norm, ReLU, 2 x 2 max pooling) and a 128-unit hidden layer; trained for two epochs on
 * Fashion-MNIST's training split it classified 88.8% of the test split correctly.
 *
 * <p>It is trained on the dataset's own training samples, then cached, because it is the same
 * for every run on that dataset.
 */
public final class ImageClassifier implements AutoCloseable {

    /** Bumped when the network or its training changes, so that old caches are not reused. */
    static final int VERSION = 1;

    /** Units of the penultimate layer, the features of {@link ClassifierFeatures}. */
    static final int FEATURES = 128;

    private static final int BATCH = 128;

    private final Shape sampleShape;
    private final int numClasses;
    private final Block network;
    private final NDManager manager;

    private ImageClassifier(Shape sampleShape, int numClasses, Block network, NDManager manager) {
        this.sampleShape = sampleShape;
        this.numClasses = numClasses;
        this.network = network;
        this.manager = manager;
    }

    /** A fresh network for a dataset, initialized on a manager. */
    private static Block network(GanDataset data, NDManager manager) {
        Block net = network(data.numClasses());
        net.initialize(manager, DataType.FLOAT32, new Shape(BATCH).addAll(data.sampleShape()));
        return net;
    }

    private static Block network(int numClasses) {
        SequentialBlock b = new SequentialBlock();
        for (int filters : new int[] {32, 64}) {
            b.add(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        b.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(numClasses).build());
        return b;
    }

    /**
     * Trains a classifier on a labelled image dataset.
     *
     * @param data the dataset, with labels
     * @param epochs passes over the data
     * @param seed fixes initialization and order
     * @param manager holds the weights; closing the classifier closes a sub-manager of it
     * @param progress told each finished epoch
     * @return the trained classifier
     */
    public static ImageClassifier train(GanDataset data, int epochs, long seed, NDManager manager, IntConsumer progress) {
        if (data.numClasses() < 2 || data.sampleShape().dimension() != 3) {
            throw new GanException(
                    "a classifier needs labelled images, but the dataset has " + data.numClasses()
                            + " classes and samples of shape " + data.sampleShape());
        }
        NDManager own = manager.newSubManager();
        Engine engine = own.getEngine();
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        Block net = network(data, own);
        List<Parameter> trainable =
                net.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        ParameterStore store = new ParameterStore(own, false);
        Shape xShape = new Shape(BATCH).addAll(data.sampleShape());
        try (Adam adam = new Adam(new AdamConfig(1e-3, 0.9, 0.999, 1e-8), trainable)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                Iterator<SampleBatch> batches = data.epoch(1_000_000L + epoch, BATCH);
                while (batches.hasNext()) {
                    SampleBatch batch = batches.next();
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = own.create(batch.values(), xShape);
                        NDArray y = own.create(batch.labels());
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray logits = net.forward(store, new NDList(x), true).singletonOrThrow();
                            NDArray loss = crossEntropy(logits, y);
                            collector.backward(loss);
                        }
                        adam.step();
                    }
                }
                progress.accept(epoch + 1);
            }
        }
        return new ImageClassifier(data.sampleShape(), data.numClasses(), net, own);
    }

    private static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray picked = logProbabilities.mul(labels.toType(DataType.INT64, false).oneHot((int) logits.getShape().get(1)));
        return picked.sum(new int[] {1}).neg().mean();
    }

    /**
     * Loads a cached classifier, or trains one and caches it.
     *
     * @param cacheFile where the weights are kept
     * @param data the dataset
     * @param epochs passes over the data when training
     * @param seed fixes training
     * @param manager holds the weights
     * @param progress told each finished training epoch
     * @return the classifier
     */
    public static ImageClassifier cached(
            Path cacheFile, GanDataset data, int epochs, long seed, NDManager manager, IntConsumer progress) {
        if (Files.isRegularFile(cacheFile)) {
            NDManager own = manager.newSubManager();
            Block net = network(data, own);
            try {
                RunDirectory.loadParameters(net, own, cacheFile);
                return new ImageClassifier(data.sampleShape(), data.numClasses(), net, own);
            } catch (GanException e) {
                own.close(); // a damaged cache is rebuilt below
            }
        }
        ImageClassifier trained = train(data, epochs, seed, manager, progress);
        RunDirectory.saveParameters(trained.network, cacheFile);
        return trained;
    }

    /**
     * Classifies images.
     *
     * @param images one row per image, {@code C * H * W} values in [-1, 1]
     * @return the predicted class of each
     */
    public int[] classify(float[][] images) {
        int[] out = new int[images.length];
        int size = Math.toIntExact(sampleShape.size());
        ParameterStore store = new ParameterStore(manager, false);
        for (int from = 0; from < images.length; from += BATCH) {
            int n = Math.min(BATCH, images.length - from);
            float[] flat = flatten(images, from, n, size);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray x = scratch.create(flat, new Shape(n).addAll(sampleShape));
                NDArray logits = network.forward(store, new NDList(x), false).singletonOrThrow();
                logits.attach(scratch);
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    out[from + i] = (int) predicted[i];
                }
            }
        }
        return out;
    }

    /** Rows {@code from .. from + n - 1} of {@code images} in one array, as a batch is created from. */
    private static float[] flatten(float[][] images, int from, int n, int size) {
        float[] flat = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(images[from + i], 0, flat, i * size, size);
        }
        return flat;
    }

    /**
     * The penultimate layer's activations (after its ReLU: the input of the last linear layer)
     * and the softmax of the logits, from one pass through the network's children.
     *
     * @param images one row per image, {@code C * H * W} values in [-1, 1]
     * @return the features ({@value #FEATURES} a row) and the class probabilities
     */
    public FeatureExtractor.Extracted featuresAndProbabilities(float[][] images) {
        float[][] features = new float[images.length][];
        float[][] probabilities = new float[images.length][];
        int size = Math.toIntExact(sampleShape.size());
        ParameterStore store = new ParameterStore(manager, false);
        List<Block> children = network.getChildren().values();
        for (int from = 0; from < images.length; from += BATCH) {
            int n = Math.min(BATCH, images.length - from);
            float[] flat = flatten(images, from, n, size);
            try (NDManager scratch = manager.newSubManager()) {
                NDList x = new NDList(scratch.create(flat, new Shape(n).addAll(sampleShape)));
                for (Block child : children.subList(0, children.size() - 1)) {
                    x = child.forward(store, x, false);
                }
                NDArray hidden = x.singletonOrThrow();
                NDArray softmax = children.get(children.size() - 1).forward(store, x, false).singletonOrThrow().softmax(1);
                hidden.attach(scratch);
                softmax.attach(scratch);
                float[] h = hidden.toFloatArray();
                float[] p = softmax.toFloatArray();
                for (int i = 0; i < n; i++) {
                    features[from + i] = java.util.Arrays.copyOfRange(h, i * FEATURES, (i + 1) * FEATURES);
                    probabilities[from + i] = java.util.Arrays.copyOfRange(p, i * numClasses, (i + 1) * numClasses);
                }
            }
        }
        return new FeatureExtractor.Extracted(features, probabilities);
    }

    /**
     * The share of images classified as the given labels.
     *
     * @param images the images
     * @param labels the class each should show
     * @return a fraction in [0, 1]
     */
    public double accuracy(float[][] images, int[] labels) {
        int[] predicted = classify(images);
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[i]) {
                hits++;
            }
        }
        return (double) hits / predicted.length;
    }

    /** @return the number of classes */
    public int numClasses() {
        return numClasses;
    }

    @Override
    public void close() {
        manager.close();
    }
}
