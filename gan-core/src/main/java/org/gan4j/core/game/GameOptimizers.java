package org.gan4j.core.game;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.game.OptimizerSpec;
import org.gan4j.core.optim.Adam;

/**
 * A game's optimizers by name, each an {@link Adam} over the trainable parameters of its networks
 * (in the order the optimizer lists them). Internal to the training runtime.
 */
public final class GameOptimizers implements AutoCloseable {

    /** One optimizer: its Adam and the roles of the networks it updates. */
    record Entry(OptimizerSpec spec, Adam adam, List<Parameter> parameters) {}

    private final Map<String, Entry> byName = new LinkedHashMap<>();

    /**
     * Creates the optimizers with zeroed moments.
     *
     * @param specs the game's optimizers
     * @param networks the initialized networks
     */
    public GameOptimizers(List<OptimizerSpec> specs, GameNetworks networks) {
        for (OptimizerSpec s : specs) {
            List<Parameter> parameters = new ArrayList<>();
            for (String role : s.networks()) {
                parameters.addAll(networks.parameters(role));
            }
            if (byName.put(s.name(), new Entry(s, new Adam(s.adam(), parameters), parameters)) != null) {
                throw new IllegalArgumentException("two optimizers are named '" + s.name() + "'");
            }
        }
    }

    /**
     * An optimizer.
     *
     * @param name its name
     * @return it
     * @throws IllegalArgumentException naming the optimizers there are, if there is none
     */
    Entry get(String name) {
        Entry e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException("the game has no optimizer '" + name + "'; its optimizers: " + byName.keySet());
        }
        return e;
    }

    /**
     * An optimizer's Adam.
     *
     * @param name its name
     * @return the Adam
     */
    public Adam adam(String name) {
        return get(name).adam();
    }

    /** @return every optimizer's Adam by name, in the game's order */
    public Map<String, Adam> all() {
        Map<String, Adam> m = new LinkedHashMap<>();
        byName.forEach((k, v) -> m.put(k, v.adam()));
        return m;
    }

    /**
     * Scales every optimizer's configured learning rate from the next update on.
     *
     * @param scale the factor, in [0, 1]
     */
    public void setLearningRateScale(double scale) {
        byName.values().forEach(e -> e.adam().setLearningRateScale(scale));
    }

    @Override
    public void close() {
        byName.values().forEach(e -> e.adam().close());
    }
}
