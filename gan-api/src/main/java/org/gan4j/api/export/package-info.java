/**
 * Export (public API): {@link org.gan4j.api.export.BlockConverter} plugins translate blocks into
 * ONNX nodes through {@link org.gan4j.api.export.OnnxGraphBuilder}; a {@link
 * org.gan4j.api.export.ModelExporter} (gan-export's writes ONNX) exports a {@link
 * org.gan4j.api.export.TrainedProduct}.
 */
package org.gan4j.api.export;
