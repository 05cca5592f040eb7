package org.gan4j.export;

import java.nio.file.Path;
import org.gan4j.onnx.GeneratorMetadata;

/**
 * What an export wrote and how closely ONNX Runtime matched DJL on it.
 *
 * @param file the file written
 * @param bytes its size
 * @param nodes the graph's node count
 * @param opset the operator set
 * @param irVersion the ONNX IR version
 * @param samplesChecked how many samples were compared
 * @param maxAbsDifference the largest absolute difference between ONNX Runtime and DJL (0 for
 *     uint8 output, which is compared to within one step)
 * @param metadata the metadata written
 */
public record ExportReport(
        Path file,
        long bytes,
        int nodes,
        int opset,
        int irVersion,
        int samplesChecked,
        double maxAbsDifference,
        GeneratorMetadata metadata) {}
