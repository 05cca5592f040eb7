/**
 * A worked third-party plugin, built against gan-api alone and loaded from a plugin folder: an
 * architecture with a block of its own and that block's ONNX converter, an f-GAN loss, a spiral
 * dataset and a game of its own. Example code, not part of gan4j's API.
 */
package com.example.gan;
