/**
 * A run directory (public API): its files (config.json, run.json, final weights by network role),
 * and its checkpoints, written atomically with the size and digest of every file, verified on
 * resume.
 */
package org.gan4j.core.run;
