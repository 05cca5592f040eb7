package org.gan4j.export;

import ai.djl.nn.Block;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.plugin.PluginException;
import org.gan4j.api.plugin.PluginRegistry;

/**
 * The block converters found through {@link java.util.ServiceLoader}, indexed by the block class
 * they translate. A block is translated by the converter of its own class or, failing that, of its
 * nearest superclass.
 */
public final class ConverterRegistry {

    private final PluginRegistry<BlockConverter> plugins;
    private final Map<Class<?>, BlockConverter> byType = new HashMap<>();

    private ConverterRegistry(PluginRegistry<BlockConverter> plugins) {
        this.plugins = plugins;
        for (BlockConverter c : plugins.all()) {
            BlockConverter previous = byType.putIfAbsent(c.blockType(), c);
            if (previous != null) {
                throw new PluginException("converters '" + previous.name() + "' (" + previous.getClass().getName()
                        + ") and '" + c.name() + "' (" + c.getClass().getName() + ") both translate "
                        + c.blockType().getName() + "; remove one of them from the class path");
            }
        }
    }

    /**
     * Loads every converter on a class loader.
     *
     * @param classLoader where to look
     * @return the registry
     */
    public static ConverterRegistry load(ClassLoader classLoader) {
        return new ConverterRegistry(PluginRegistry.load(BlockConverter.KIND, BlockConverter.class, classLoader));
    }

    /**
     * Builds a registry from converters already made (tests, embedding applications).
     *
     * @param converters the converters
     * @return the registry
     */
    public static ConverterRegistry of(Iterable<? extends BlockConverter> converters) {
        return new ConverterRegistry(PluginRegistry.of(BlockConverter.KIND, converters));
    }

    /** @return every converter */
    public Collection<BlockConverter> all() {
        return plugins.all();
    }

    /**
     * The converter for a block.
     *
     * @param block the block
     * @param path where the block sits in the generator, for the message
     * @return its converter
     * @throws ExportException naming the block's class and how to add a converter, if none exists
     */
    public BlockConverter converterFor(Block block, String path) {
        for (Class<?> c = block.getClass(); c != null; c = c.getSuperclass()) {
            BlockConverter converter = byType.get(c);
            if (converter != null) {
                return converter;
            }
        }
        throw new ExportException("no ONNX converter for block " + block.getClass().getName() + " (at " + path
                + "); add one: implement org.gan4j.api.export.BlockConverter for it, list the class in"
                + " META-INF/services/org.gan4j.api.export.BlockConverter, and put its jar in a plugin folder or on the class path"
                + (block.getClass().getName().equals("ai.djl.nn.LambdaBlock")
                        ? " (a LambdaBlock hides what it computes: use a named block instead)"
                        : ""));
    }
}
