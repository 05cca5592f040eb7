/**
 * The built-in block converters (internal: plugins found by ServiceLoader): DJL's and gan4j's
 * blocks as ONNX nodes.
 */
package org.gan4j.export.converters;
