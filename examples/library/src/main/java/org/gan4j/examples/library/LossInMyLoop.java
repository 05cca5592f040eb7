package org.gan4j.examples.library;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.gan4j.api.loss.AdversarialLoss;
import org.gan4j.api.plugin.Options;
import org.gan4j.api.regularize.Regularizer;
import org.gan4j.core.engine.PenaltyContext;
import org.gan4j.core.plugin.PluginCatalog;
import org.gan4j.starter.Gan4j;

/**
 * gan4j's non-saturating loss and R1 gradient penalty in a GAN training loop written with DJL
 * alone (its blocks, gradient collector and Adam), learning a Gaussian centred at (3, 3).
 */
public final class LossInMyLoop {

    private LossInMyLoop() {}

    /** @param args unused */
    public static void main(String[] args) {
        PluginCatalog plugins = Gan4j.plugins();
        AdversarialLoss loss = plugins.losses().get("non-saturating").create(Options.defaults("loss", plugins.losses().get("non-saturating")));
        Regularizer r1 = plugins.regularizers().get("r1").create(Options.defaults("regularizer", plugins.regularizers().get("r1")));
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = mlp(m, 4, 2);
            Block d = mlp(m, 2, 1);
            ParameterStore ps = new ParameterStore(m, false);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(2e-3f)).optBeta1(0.5f).build();
            for (int step = 1; step <= 600; step++) {
                try (NDManager s = m.newSubManager()) { // each step's arrays released at its end
                    NDArray real = s.randomNormal(new Shape(64, 2)).add(3);
                    NDArray fake = g.forward(ps, new NDList(s.randomNormal(new Shape(64, 4))), true).head();
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) { // D: the loss and R1
                        NDArray penalty = r1.discriminatorPenalty(PenaltyContext.builder(d, ps).batches(real, fake).build());
                        c.backward(loss.discriminatorLoss(score(d, ps, real), score(d, ps, fake.stopGradient())).add(penalty));
                    }
                    step(adam, d);
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) { // G through D
                        c.backward(loss.generatorLoss(score(d, ps, g.forward(ps, new NDList(s.randomNormal(new Shape(64, 4))), true).head())));
                    }
                    step(adam, g);
                    zero(d); // D is not trained by G's update: drop the gradient it got
                }
            }
            float[] mean = g.forward(ps, new NDList(m.randomNormal(new Shape(1000, 4))), false).head().mean(new int[] {0}).toFloatArray();
            System.out.printf("generated mean (%.2f, %.2f); the data's is (3, 3)%n", mean[0], mean[1]);
        }
    }

    private static Block mlp(NDManager m, int in, int out) {
        Block b = new SequentialBlock().add(Linear.builder().setUnits(32).build()).add(Activation.leakyReluBlock(0.2f))
                .add(Linear.builder().setUnits(out).build());
        b.initialize(m, DataType.FLOAT32, new Shape(64, in));
        return b;
    }

    private static NDArray score(Block d, ParameterStore ps, NDArray x) {
        return d.forward(ps, new NDList(x), true).head();
    }

    /** Adam on a block's parameters, then their gradients zeroed (DJL's PyTorch collector does not). */
    private static void step(Optimizer adam, Block b) {
        for (Parameter p : b.getParameters().values()) {
            if (p.requiresGradient()) {
                try (NDArray grad = p.getArray().getGradient()) {
                    adam.update(p.getId(), p.getArray(), grad);
                }
            }
        }
        zero(b);
    }

    private static void zero(Block b) {
        for (Parameter p : b.getParameters().values()) {
            if (p.requiresGradient()) {
                try (NDArray grad = p.getArray().getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }
}
