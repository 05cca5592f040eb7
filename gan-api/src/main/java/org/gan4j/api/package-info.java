/**
 * gan4j's API root (public API): the two exceptions every part of gan4j throws,
 * {@link org.gan4j.api.GanException} for failures and {@link org.gan4j.api.ConfigException} for
 * invalid settings, each with a one-line message naming the problem and the fix. The sub-packages
 * hold the plugin SPIs and the values they exchange.
 */
package org.gan4j.api;
