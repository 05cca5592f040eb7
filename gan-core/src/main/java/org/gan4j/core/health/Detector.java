package org.gan4j.core.health;

import java.util.List;
import org.gan4j.api.train.Diagnosis;
import org.gan4j.api.train.EpochEvent;

/** One rule of the health monitor. Each keeps its own state and reports a problem once an episode. */
interface Detector {

    /**
     * Checks after a measured step.
     *
     * @param history the measurements so far, oldest first, the newest last (bounded: see
     *     {@link HealthMonitor#HISTORY})
     * @return a diagnosis when a problem starts here, else null
     */
    default Diagnosis step(List<Measurement> history) {
        return null;
    }

    /**
     * Checks after an epoch's evaluation.
     *
     * @param epoch the epoch, with its metrics
     * @param history the measurements so far
     * @return a diagnosis when a problem starts here, else null
     */
    default Diagnosis epoch(EpochEvent epoch, List<Measurement> history) {
        return null;
    }
}
