/**
 * The dataset SPI and the values of data (public API): dataset plugins
 * ({@link org.gan4j.api.data.DatasetProvider}), opened datasets as seeded sources of host batches,
 * the known mixtures of toy data, what data look like ({@link org.gan4j.api.data.DataSpec}), and the
 * seeded random streams ({@link org.gan4j.api.data.Seeds}, {@link org.gan4j.api.data.Noise}) that
 * make runs reproducible and resumes exact. Pure Java apart from DJL's Shape.
 */
package org.gan4j.api.data;
