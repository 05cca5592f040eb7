package org.gan4j.core.game;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.game.Network;

/**
 * A game's networks, built and initialized on one manager, by role. Internal: the training
 * runtime's, public for gan4j's own benchmarks.
 *
 * <p>Initialization draws from the engine's random generator, which the caller seeds; networks are
 * initialized in the order the game lists them, so that a seed gives the same weights every time.
 */
public final class GameNetworks {

    private final NDManager manager;
    private final Map<String, Block> blocks = new LinkedHashMap<>();
    private final Map<String, List<Parameter>> trainable = new LinkedHashMap<>();
    private ParameterStore parameterStore;

    /**
     * Builds and initializes a game's networks with float32 parameters.
     *
     * @param networks the game's networks, in initialization order
     * @param manager holds the parameters
     */
    public GameNetworks(List<Network> networks, NDManager manager) {
        this(networks, manager, DataType.FLOAT32);
    }

    /**
     * Builds and initializes a game's networks with parameters of a given type (float64 for
     * gradient checks).
     *
     * @param networks the game's networks, in initialization order
     * @param manager holds the parameters
     * @param dataType the parameters' type
     */
    public GameNetworks(List<Network> networks, NDManager manager, DataType dataType) {
        this.manager = manager;
        for (Network n : networks) {
            if (blocks.containsKey(n.role())) {
                throw new IllegalArgumentException("two networks have the role '" + n.role() + "'");
            }
            Block block = n.factory().get();
            // Parameter shapes are inferred from one training batch; other batch sizes work after.
            block.initialize(manager, dataType, n.inputShapes().toArray(Shape[]::new));
            blocks.put(n.role(), block);
            trainable.put(n.role(), trainable(block));
        }
        this.parameterStore = new ParameterStore(manager, false);
    }

    /**
     * The parameters an optimizer updates: batch norm's running statistics are parameters too,
     * but they are updated by the forward pass, never by gradients.
     */
    static List<Parameter> trainable(Block block) {
        return block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    /** @return the roles, in initialization order */
    public List<String> roles() {
        return List.copyOf(blocks.keySet());
    }

    /**
     * A network.
     *
     * @param role its role
     * @return its block
     * @throws IllegalArgumentException naming the roles there are, if there is none
     */
    public Block block(String role) {
        Block b = blocks.get(role);
        if (b == null) {
            throw new IllegalArgumentException("the game has no network '" + role + "'; its networks: " + blocks.keySet());
        }
        return b;
    }

    /**
     * A network's trainable parameters.
     *
     * @param role its role
     * @return the parameters, in the block's order
     */
    public List<Parameter> parameters(String role) {
        block(role);
        return trainable.get(role);
    }

    /** @return the manager holding the parameters */
    public NDManager manager() {
        return manager;
    }

    /** @return the engine the arrays live on */
    public Engine engine() {
        return manager.getEngine();
    }

    /**
     * Runs a network.
     *
     * @param role its role
     * @param inputs its inputs
     * @param training whether layers behave as in training (batch statistics, dropout)
     * @return its outputs
     */
    public NDList forward(String role, NDList inputs, boolean training) {
        return block(role).forward(parameterStore, inputs, training);
    }

    /**
     * Forgets the parameter arrays the forward passes cached, after a checkpoint's weights were
     * loaded into the networks (loading gives each parameter a new array), and turns gradient
     * tracking back on for the new arrays.
     */
    public void parametersReplaced() {
        parameterStore = new ParameterStore(manager, false);
        for (String role : blocks.keySet()) {
            trainable.put(role, trainable(blocks.get(role)));
            trackGradients(trainable.get(role), true);
        }
    }

    /**
     * Turns gradient tracking of parameters on or off. Off for the networks held fixed in an
     * update: they get no gradient at all, rather than one that is then ignored.
     *
     * @param parameters the parameters
     * @param on whether to track gradients
     */
    static void trackGradients(List<Parameter> parameters, boolean on) {
        for (Parameter p : parameters) {
            p.getArray().setRequiresGradient(on);
        }
    }
}
