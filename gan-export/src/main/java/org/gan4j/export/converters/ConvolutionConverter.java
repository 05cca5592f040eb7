package org.gan4j.export.converters;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;

/** DJL's {@link Conv2d}: ONNX {@code Conv} with the same weight layout [Cout, Cin / groups, kH, kW]. */
public final class ConvolutionConverter implements BlockConverter {

    @Override
    public String name() {
        return "conv2d";
    }

    @Override
    public String description() {
        return "DJL Conv2d as ONNX Conv";
    }

    @Override
    public Class<? extends Block> blockType() {
        return Conv2d.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        Conv2d conv = (Conv2d) block;
        String path = graph.pathOf(block);
        String w = graph.initializer(path + ".weight", Parameters.array(block, "weight"));
        String b = conv.isIncludeBias() ? graph.initializer(path + ".bias", Parameters.array(block, "bias")) : null;
        return List.of(conv(conv, inputs.get(0), w, b, graph));
    }

    /** The Conv node for a weight and bias already in the graph; shared with batch-norm folding. */
    static String conv(Conv2d conv, String x, String weight, String bias, OnnxGraphBuilder graph) {
        List<String> in = new ArrayList<>(List.of(x, weight));
        if (bias != null) {
            in.add(bias);
        }
        long[] p = conv.getPadding().getShape();
        return graph.node("Conv", in, OnnxGraphBuilder.attributes(
                "kernel_shape", conv.getKernelShape().getShape(),
                "strides", conv.getStride().getShape(),
                "pads", new long[] {p[0], p[1], p[0], p[1]},
                "dilations", conv.getDilation().getShape(),
                "group", (long) conv.getGroups()));
    }
}
