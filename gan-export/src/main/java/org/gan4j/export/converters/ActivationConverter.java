package org.gan4j.export.converters;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.BlockConverter;
import org.gan4j.api.export.OnnxGraphBuilder;
import org.gan4j.models.blocks.ActivationBlock;

/** gan4j's {@link ActivationBlock}: ONNX {@code Relu}, {@code LeakyRelu}, {@code Tanh} or {@code Sigmoid}. */
public final class ActivationConverter implements BlockConverter {

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public String description() {
        return "gan4j ActivationBlock as ONNX Relu, LeakyRelu, Tanh or Sigmoid";
    }

    @Override
    public Class<? extends Block> blockType() {
        return ActivationBlock.class;
    }

    @Override
    public List<String> convert(Block block, List<String> inputs, OnnxGraphBuilder graph) {
        ActivationBlock a = (ActivationBlock) block;
        List<String> x = List.of(inputs.get(0));
        return List.of(switch (a.kind()) {
            case RELU -> graph.node("Relu", x, Map.of());
            case LEAKY_RELU -> graph.node("LeakyRelu", x, Map.of("alpha", a.slope()));
            case TANH -> graph.node("Tanh", x, Map.of());
            case SIGMOID -> graph.node("Sigmoid", x, Map.of());
        });
    }
}
