/**
 * Export (public API): {@link org.gan4j.api.export.BlockConverter} plugins translate blocks into
 * ONNX nodes through {@link org.gan4j.api.export.OnnxGraphBuilder}; a {@link
 * org.gan4j.api.export.ModelExporter} (gan-export's writes ONNX) exports a {@link
 * org.gan4j.api.export.TrainedProduct}, which is how a trained model in memory exports itself.
 */
package org.gan4j.api.export;
