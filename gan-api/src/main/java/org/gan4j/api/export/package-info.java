/**
 * The export SPI (public API): converter plugins that translate one kind of DJL block into ONNX
 * nodes through {@link org.gan4j.api.export.OnnxGraphBuilder}, and the
 * {@link org.gan4j.api.export.ModelExporter} a trained model in memory exports itself through.
 */
package org.gan4j.api.export;
