/**
 * What every plugin is (public API): a named {@link org.gan4j.api.plugin.GanPlugin} with declared
 * options, looked up by name in a {@link org.gan4j.api.plugin.PluginRegistry} (after Lucene's
 * NamedSPILoader), its options checked into typed {@link org.gan4j.api.plugin.Options}.
 */
package org.gan4j.api.plugin;
