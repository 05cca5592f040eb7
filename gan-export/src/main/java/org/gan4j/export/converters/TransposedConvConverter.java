package org.gan4j.export.converters;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.models.blocks.TransposedConv2d;

/**
 * gan4j's {@link TransposedConv2d}: ONNX {@code ConvTranspose}, whose semantics and weight layout
 * [Cin, Cout, kH, kW] the block shares, so the weights go over unchanged.
 */
public final class TransposedConvConverter implements BlockConverter {

    @Override
    public String name() {
        return "transposed-conv2d";
    }

    @Override
    public String description() {
        return "gan4j TransposedConv2d as ONNX ConvTranspose";
    }

    @Override
    public Class<? extends Block> blockType() {
        return TransposedConv2d.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        TransposedConv2d t = (TransposedConv2d) block;
        String path = graph.pathOf(block);
        String w = graph.initializer(path + ".weight", Parameters.array(block, "weight"));
        String b = t.hasBias() ? graph.initializer(path + ".bias", Parameters.array(block, "bias")) : null;
        return List.of(convTranspose(t, inputs.get(0), w, b, graph));
    }

    /** The ConvTranspose node for a weight and bias already in the graph. */
    static String convTranspose(TransposedConv2d t, String x, String weight, String bias, OnnxGraphBuilder graph) {
        List<String> in = new ArrayList<>(List.of(x, weight));
        if (bias != null) {
            in.add(bias);
        }
        long[] p = t.padding().getShape();
        return graph.node("ConvTranspose", in, OnnxGraphBuilder.attributes(
                "kernel_shape", t.kernelShape().getShape(),
                "strides", t.stride().getShape(),
                "pads", new long[] {p[0], p[1], p[0], p[1]},
                "output_padding", t.outputPadding().getShape(),
                "dilations", new long[] {1, 1},
                "group", 1L));
    }
}
