/**
 * Settings (public API): the layers of a run's settings ({@link org.gan4j.core.config.Settings}:
 * defaults, the architecture's recipe, a config file, overrides), their resolution against the
 * plugins ({@link org.gan4j.core.config.RunSettings}), and config.json's reading and writing with
 * one-line errors naming the file and the key.
 */
package org.gan4j.core.config;
