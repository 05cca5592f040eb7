package org.gan4j.api.game;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step reports: the result of each update it wants to be seen, at most one an update name
 * (for updates made several times a step, usually the last). Updates made only to look ahead
 * (an unrolled GAN's) are left out.
 *
 * @param updates the reported results, by update name, in the game's update order
 */
public record StepResult(Map<String, UpdateResult> updates) {

    /** Copies the map, keeping its order. */
    public StepResult {
        updates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(updates));
    }

    /**
     * The results of a step.
     *
     * @param results each reported update's result, one an update name
     * @return the step's result
     */
    public static StepResult of(List<UpdateResult> results) {
        Map<String, UpdateResult> map = new LinkedHashMap<>();
        for (UpdateResult r : results) {
            if (map.put(r.update(), r) != null) {
                throw new IllegalArgumentException("update '" + r.update() + "' is reported twice");
            }
        }
        return new StepResult(map);
    }
}
