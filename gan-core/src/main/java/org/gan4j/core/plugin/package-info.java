/**
 * Plugin loading (public API): every plugin kind found through ServiceLoader on the class path and
 * in the jars of a plugin folder, each jar in a class loader of its own, jars that cannot be
 * loaded skipped with the reason ({@link org.gan4j.core.plugin.PluginCatalog}).
 */
package org.gan4j.core.plugin;
