package org.gan4j.api.export;

import ai.djl.nn.Block;
import java.util.List;
import org.gan4j.api.plugin.GanPlugin;

/**
 * Translates one kind of DJL {@link Block} into ONNX nodes, so that generators built from it can be
 * exported. gan4j's exporter walks the generator's block tree and, for each block, uses the
 * converter whose {@link #blockType()} is the block's class or its nearest superclass.
 *
 * <p>A third-party architecture with its own block ships a converter for it beside it, listed in
 * {@code META-INF/services/org.gan4j.api.export.BlockConverter}. Like every plugin, a converter has
 * a public no-argument constructor that does no work; it must be stateless, since one instance
 * converts every block of its type. It reads the block's settings and parameters (never changing
 * them) and writes nodes through the {@link OnnxGraphBuilder}, which owns everything it creates.
 */
public interface BlockConverter extends GanPlugin {

    /** The plugin kind, as shown by {@code gan plugins}. */
    String KIND = "converter";

    /**
     * The block class this converter translates; subclasses of it are translated too unless a
     * converter for a more specific class exists.
     *
     * @return the block class
     */
    Class<? extends Block> blockType();

    /**
     * Writes the ONNX nodes that compute the block's inference-mode forward pass.
     *
     * @param block the block, initialized and holding its trained parameters
     * @param inputs the names of the ONNX values holding the block's inputs, in the order the
     *     block's forward pass takes them
     * @param graph where to write nodes and initializers
     * @return the names of the ONNX values holding the block's outputs, in order
     */
    List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph);
}
