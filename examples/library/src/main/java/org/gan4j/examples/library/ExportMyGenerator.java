package org.gan4j.examples.library;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.export.ExportReport;
import org.gan4j.export.OnnxExporter;
import org.gan4j.onnx.GeneratorMetadata;

/** Exports a generator built from DJL's own blocks (its activations included) to ONNX, checked in ONNX Runtime. */
public final class ExportMyGenerator {

    private ExportMyGenerator() {}

    /** @param args the ONNX file to write */
    public static void main(String[] args) {
        Block generator = new SequentialBlock()
                .add(Linear.builder().setUnits(64).build()).add(Activation.leakyReluBlock(0.2f))
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build()).add(Activation.tanhBlock());
        try (NDManager manager = NDManager.newBaseManager()) {
            generator.initialize(manager, DataType.FLOAT32, new Shape(1, 8));   // (trained weights would go here)
            GeneratorMetadata metadata = new GeneratorMetadata(8, "normal(0, 1)", 0, List.of(), new long[] {2}, "ND",
                    "float32", "[-1, 1]", Map.of("model", "my-generator"));
            ExportReport report = OnnxExporter.builder().build().export(generator, metadata, 1f, Path.of(args[0]));
            System.out.printf("wrote %s: %d nodes, ONNX Runtime matches DJL within %.1e%n", report.file(), report.nodes(),
                    report.maxAbsDifference());
        }
    }
}
