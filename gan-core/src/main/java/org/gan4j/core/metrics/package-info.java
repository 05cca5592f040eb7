/**
 * A run's metrics.csv (public API): one row an epoch with each update's mean loss, the
 * evaluation's metrics, the time and the process's resident memory ({@link
 * org.gan4j.core.metrics.ProcessMemory}).
 */
package org.gan4j.core.metrics;
