package org.gan4j.core.game;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.api.game.ProductInputs;

/**
 * Runs a product network on host values, in inference mode and in chunks, so that thousands of
 * evaluation samples never sit in one native tensor. Internal to the training runtime.
 */
public final class ProductSampler {

    /** Samples a forward pass makes at most. */
    static final int CHUNK = 500;

    private final Product product;
    private final Function<NDList, NDArray> forward;
    private final NDManager manager;

    /**
     * Creates the sampler.
     *
     * @param product the product
     * @param forward runs the product network in inference mode on its inputs
     * @param manager the manager the network's arrays live on; each chunk's arrays go in a
     *     sub-manager closed at once
     */
    public ProductSampler(Product product, Function<NDList, NDArray> forward, NDManager manager) {
        this.product = product;
        this.forward = forward;
        this.manager = manager;
    }

    /**
     * Runs the product.
     *
     * @param inputs the values of its inputs
     * @return its outputs, row-major, {@code count * outputSize} values in the model's units
     */
    public float[] sample(ProductInputs inputs) {
        int count = inputs.count();
        int outSize = Math.toIntExact(product.outputShape().size());
        float[] out = new float[Math.multiplyExact(count, outSize)];
        List<ProductInput> specs = product.inputs();
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            try (NDManager scratch = manager.newSubManager()) {
                NDList in = new NDList();
                for (int i = 0; i < specs.size(); i++) {
                    ProductInput spec = specs.get(i);
                    if (spec.kind() == ProductInput.Kind.CATEGORICAL) {
                        in.add(scratch.create(Arrays.copyOfRange(inputs.ints().get(i), from, from + n)));
                    } else {
                        int size = spec.size();
                        in.add(scratch.create(Arrays.copyOfRange(inputs.floats().get(i), from * size, (from + n) * size),
                                new Shape(n).addAll(spec.shape())));
                    }
                }
                NDArray x = forward.apply(in);
                x.attach(scratch);
                System.arraycopy(x.toFloatArray(), 0, out, from * outSize, n * outSize);
            }
        }
        return out;
    }
}
