/**
 * Blocks the built-in architectures are made of (public API, for architectures and converters of
 * one's own): named, inspectable blocks (activations, transposed convolution, label concatenation,
 * maxout, reshape, packing) that every exporter can translate.
 */
package org.gan4j.models.blocks;
