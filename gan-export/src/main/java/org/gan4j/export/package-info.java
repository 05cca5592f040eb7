/**
 * ONNX export (public API): a product network's block tree translated by converter plugins into an
 * ONNX graph, checked against ONNX Runtime before it is written, with its metadata.
 */
package org.gan4j.export;
