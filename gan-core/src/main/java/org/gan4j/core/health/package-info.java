/**
 * The health monitor (public API: {@link org.gan4j.core.health.HealthMonitor} and the file
 * writers; the detectors are internal): a training listener that names vanishing gradients, mode
 * collapse, oscillation, non-convergence and divergence from each measured step and epoch, with
 * evidence and remedies, and writes health.csv and diagnosis.jsonl.
 */
package org.gan4j.core.health;
