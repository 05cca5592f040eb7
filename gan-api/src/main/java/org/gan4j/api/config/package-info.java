/**
 * A run's settings as values (public API): {@link org.gan4j.api.config.TrainConfig} with its
 * builder and defaults, the optimizers' {@link org.gan4j.api.config.AdamConfig}, and the plugins
 * chosen by name with their options. Every record validates itself and names the field and the
 * rule broken.
 */
package org.gan4j.api.config;
