package org.gan4j.export;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.export.TrainedProduct;
import org.gan4j.api.game.Product;
import org.gan4j.api.game.ProductInput;
import org.gan4j.onnx.GeneratorInput;
import org.gan4j.onnx.GeneratorMetadata;

/**
 * The metadata an exported product carries, built from what it is: the one place {@code gan
 * export}, the export at the end of {@code gan train} and in-memory exports ({@code
 * TrainedGan.exportOnnx}) take it from, so that all three write the same file.
 */
public final class ProductMetadata {

    private ProductMetadata() {}

    /**
     * The metadata of a trained product: its inputs, output and provenance.
     *
     * @param product the trained product
     * @return the metadata of a float32 export
     * @throws ExportException if the product cannot be written under gan4j's contract (an input
     *     named like the output)
     */
    public static GeneratorMetadata of(TrainedProduct product) {
        Product p = product.product();
        for (ProductInput in : p.inputs()) {
            if (in.name().equals(GeneratorMetadata.OUTPUT)) {
                throw new ExportException("the product's input '" + in.name() + "' has the name of the ONNX file's output"
                        + " ('" + GeneratorMetadata.OUTPUT + "'); rename that input in the game (e.g. 'source')");
            }
        }
        List<GeneratorInput> inputs = inputsOf(p);
        long[] outputShape = p.outputShape().getShape();
        boolean image = outputShape.length == 3;
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("config", product.configJson());
        provenance.put("game", product.config().game().name());
        provenance.put("product", p.network());
        provenance.put("model", product.config().model().name());
        provenance.put("dataset", product.config().dataset().name());
        provenance.put("training_steps", Long.toString(product.steps()));
        provenance.put("gan4j_version", product.gan4jVersion());
        provenance.put("djl_version", Engine.getDjlVersion());
        provenance.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        // The dataset's class names name the first categorical input's classes when it has as many:
        // a label. A categorical code of another size has no names.
        List<String> classNames = p.numClasses() == product.classNames().size() ? product.classNames() : List.of();
        return new GeneratorMetadata(
                inputs,
                new ArrayList<>(classNames),
                outputShape,
                image ? "NCHW" : "ND",
                "float32",
                // Images are scaled to [-1, 1] and gan4j's image products end in tanh; vector data have no fixed range.
                image ? "[-1, 1]" : "(-inf, inf)",
                provenance);
    }

    /**
     * A product's inputs as an exported file lists them, and as DJL-free samplers describe them:
     * normal inputs drawn from normal(0, 1), uniform ones from uniform(-1, 1).
     *
     * @param product the product
     * @return its inputs, in order
     */
    public static List<GeneratorInput> inputsOf(Product product) {
        List<GeneratorInput> inputs = new ArrayList<>();
        for (ProductInput in : product.inputs()) {
            inputs.add(switch (in.kind()) {
                case NORMAL -> new GeneratorInput(in.name(), GeneratorInput.Kind.NORMAL, in.shape().getShape(), 0,
                        GeneratorInput.NORMAL_0_1);
                case UNIFORM -> new GeneratorInput(in.name(), GeneratorInput.Kind.UNIFORM, in.shape().getShape(), 0,
                        GeneratorInput.UNIFORM_MINUS_1_1);
                case CATEGORICAL -> GeneratorInput.categorical(in.name(), in.classes());
                case IMAGE -> GeneratorInput.image(in.name(), in.shape().getShape());
            });
        }
        return inputs;
    }
}
