/**
 * Built-in datasets (internal helpers; the plugins are used by name): batching shared by the
 * dataset plugins of the sub-packages.
 */
package org.gan4j.data;
