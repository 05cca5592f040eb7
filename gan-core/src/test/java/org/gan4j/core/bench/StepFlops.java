package org.gan4j.core.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.models.blocks.TransposedConv2d;

/**
 * The floating-point operations of one training step's convolutions and dense layers, counted
 * from the layers' shapes as the textbook defines them (2 per multiply-add; a transposed
 * convolution counted as the scatter it is, Cin * Cout * kH * kW per input pixel, whatever form
 * computes it), so that the figure is the same for gan4j and the PyTorch reference and does not
 * reward wasted work. Batch norm, activations and the optimizer are left out: they are a few
 * percent of a DCGAN step.
 *
 * <p>The passes of one step as {@code AdversarialStep} and bench/reference/training_step.py make
 * it, with F the forward multiply-adds of a network on one batch and F1 those of its first layer:
 *
 * <ul>
 *   <li>discriminator update: G forward (no gradient); D forward on the real and on the fake
 *       batch; D backward for both: weight gradients (2 F_D) and input gradients of every layer
 *       but the first, whose input (data) needs none (2 (F_D - F1_D));
 *   <li>generator update: G forward; D forward; D backward, input gradients only (D is held
 *       fixed); G backward: weight gradients (F_G) and input gradients but the first layer's.
 * </ul>
 *
 * <p>Counts are for the batch the networks were initialized with; the real and the fake batch
 * have that size.
 *
 * @param generator forward multiply-adds of the generator on one batch
 * @param generatorFirst those of its first weighted layer
 * @param discriminator forward multiply-adds of the discriminator on one batch
 * @param discriminatorFirst those of its first weighted layer
 */
record StepFlops(double generator, double generatorFirst, double discriminator, double discriminatorFirst) {

    /**
     * Counts the layers of two initialized networks.
     *
     * @param generator the generator, initialized
     * @param discriminator the discriminator, initialized with the same batch size
     * @return the counts
     */
    static StepFlops of(Block generator, Block discriminator) {
        List<Double> g = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        collect(generator, g);
        collect(discriminator, d);
        if (g.isEmpty() || d.isEmpty()) {
            throw new IllegalStateException("no convolution or dense layer found to count");
        }
        return new StepFlops(sum(g), g.get(0), sum(d), d.get(0));
    }

    /**
     * Floating-point operations of one full step (one D update, one G update).
     *
     * @return FLOPs
     */
    double perStep() {
        double dUpdate = generator + 2 * discriminator + 2 * discriminator + 2 * (discriminator - discriminatorFirst);
        double gUpdate = generator + discriminator + discriminator + generator + (generator - generatorFirst);
        return 2 * (dUpdate + gUpdate);
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * Adds each weighted layer's multiply-adds on the batch the network was initialized with, in
     * forward order.
     */
    private static void collect(Block block, List<Double> out) {
        if (block instanceof TransposedConv2d t) {
            Shape in = t.getInputShapes()[0]; // [N, Cin, H, W]
            Shape w = weight(t).getShape(); // [Cin, Cout, kH, kW]
            out.add((double) in.size() * w.get(1) * w.get(2) * w.get(3));
        } else if (block instanceof Convolution c) {
            Shape y = c.getOutputShapes(c.getInputShapes())[0]; // [N, Cout, H', W']
            Shape w = weight(c).getShape(); // [Cout, Cin / groups, kH, kW]
            out.add((double) y.size() / y.get(1) * w.size());
        } else if (block instanceof Linear l) {
            Shape in = l.getInputShapes()[0]; // [rows..., in]
            Shape w = weight(l).getShape(); // [out, in]
            out.add((double) in.size() / in.get(in.dimension() - 1) * w.get(0) * w.get(1));
        } else {
            for (Block child : block.getChildren().values()) {
                collect(child, out);
            }
        }
    }

    private static ai.djl.ndarray.NDArray weight(Block block) {
        for (var p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalStateException(block + " has no weight");
    }
}
