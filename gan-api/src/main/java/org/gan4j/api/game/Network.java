package org.gan4j.api.game;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.gan4j.api.plugin.PluginRegistry;

/**
 * One network of a game, by role. The runtime builds it from the factory, initializes it with
 * the input shapes, keeps its weights in checkpoints as {@code <role>.params}, and builds it again
 * from the factory wherever it needs another instance (the product's moving average, sampling a
 * finished run).
 *
 * @param role the network's name in the game, {@code [a-z0-9-]+}, e.g. {@code generator}
 * @param factory builds a fresh, uninitialized block; each call a new instance with the same
 *     structure
 * @param inputShapes the shapes of the block's inputs for one training batch, batch axis first,
 *     in the order its forward pass takes them
 */
public record Network(String role, Supplier<Block> factory, List<Shape> inputShapes) {

    /** Checks the role and copies the shapes. */
    public Network {
        if (!PluginRegistry.isValidName(role)) {
            throw new IllegalArgumentException("network role '" + role + "' must match [a-z0-9-]+");
        }
        Objects.requireNonNull(factory, "factory");
        inputShapes = List.copyOf(inputShapes);
        if (inputShapes.isEmpty()) {
            throw new IllegalArgumentException("network '" + role + "' needs at least one input shape");
        }
    }
}
