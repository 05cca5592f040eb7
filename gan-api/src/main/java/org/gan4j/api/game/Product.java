package org.gan4j.api.game;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;

/**
 * The network a game trains for users: the one {@code gan sample} draws from, {@code gan export}
 * writes and whose moving average {@code --ema} keeps.
 *
 * @param network the role of the product network
 * @param inputs its inputs, in the order its forward pass takes them
 * @param outputShape the shape of one sample it produces, without the batch axis
 */
public record Product(String network, List<ProductInput> inputs, Shape outputShape) {

    /** Checks and copies. */
    public Product {
        Objects.requireNonNull(network, "network");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("the product '" + network + "' needs at least one input");
        }
        Objects.requireNonNull(outputShape, "outputShape");
    }

    /**
     * The first input of a kind.
     *
     * @param kind the kind
     * @return the input, or null if there is none
     */
    public ProductInput input(ProductInput.Kind kind) {
        return inputs.stream().filter(i -> i.kind() == kind).findFirst().orElse(null);
    }

    /** @return the number of classes of the first categorical input, or 0 when it takes none */
    public int numClasses() {
        ProductInput labels = input(ProductInput.Kind.CATEGORICAL);
        return labels == null ? 0 : labels.classes();
    }
}
