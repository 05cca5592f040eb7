/**
 * Sampling gan4j's exported ONNX files with ONNX Runtime alone (public API): {@link
 * org.gan4j.onnx.OnnxGenerator} opens a file, checks its graph against the {@link
 * org.gan4j.onnx.GeneratorMetadata} stored in it, and runs it. Nothing here names a DJL type, so an
 * application that only samples needs this module, gan-api (without DJL) and ONNX Runtime.
 */
package org.gan4j.onnx;
