package org.gan4j.cli;

import static org.gan4j.cli.CliTest.failsWith;
import static org.gan4j.cli.CliTest.gan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.cli.CliTest.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan eval} through the command line. */
class EvalCommandTest {

    @TempDir static Path tmp;
    static Path cdcgan;
    static Path ring;

    @BeforeAll
    static void trainTinyRuns() {
        cdcgan = tmp.resolve("cdcgan");
        Result c = gan("train", "--model", "cdcgan", "--model-opt", "width=0.125", "--steps", "2", "--batch-size", "16",
                "--dataset-opt", "samples=96", "--dataset-opt", "size=28", "--out", cdcgan.toString(), "--quiet");
        assertEquals(0, c.code(), c.err());
        ring = tmp.resolve("ring");
        Result r = gan("train", "--steps", "20", "--batch-size", "64", "--dataset-opt", "samples=640",
                "--model-opt", "g-hidden=16", "--model-opt", "d-hidden=16", "--out", ring.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
    }

    private static JsonNode lastEvaluation(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("evaluations.jsonl"));
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    @Test
    void evaluatesAConditionalImageRunOnTheClassifiersFeatures() throws Exception {
        Result r = gan("eval", "--run", cdcgan.toString(), "--samples", "40", "--batch-size", "16");
        assertEquals(0, r.code(), r.err());
        for (String metric : new String[] {"fcd", "kid", "precision", "recall", "classifier_score", "class_accuracy"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(metric + " ") && l.contains("shapes training data (96)")),
                    metric + " in " + r.out());
        }
        assertTrue(r.out().contains("features: gan4j classifier of shapes"), r.out());
        JsonNode line = lastEvaluation(cdcgan);
        assertEquals("gan eval", line.get("source").asText());
        assertEquals(2, line.get("step").asLong());
        assertEquals(1, line.get("epoch").asInt());
        assertEquals(40, line.get("samples").asInt());
        assertEquals(96, line.get("referenceSamples").asInt());
        assertEquals("shapes training data", line.get("reference").asText());
        double kid = line.get("metrics").get("kid").asDouble();
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%.4f", kid))
                || r.out().contains(String.format(java.util.Locale.ROOT, "%.3e", kid)), r.out());
        double accuracy = line.get("metrics").get("class_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, line.toString());
        // eval.json is the same object, pretty-printed.
        assertEquals(line, new ObjectMapper().readTree(cdcgan.resolve("eval.json").toFile()));
        assertTrue(Files.readString(cdcgan.resolve("eval.json")).contains("\n  \"source\" : \"gan eval\""));
        // The training's own evaluation came first.
        assertEquals("training", new ObjectMapper().readTree(
                Files.readAllLines(cdcgan.resolve("evaluations.jsonl")).get(0)).get("source").asText());
    }

    /** An ONNX "feature extractor" that flattens 2 x 2 average pools of [N, 1, 28, 28]: 196 features. */
    private static Path poolingOnnx() throws Exception {
        TensorShapeProto.Builder in = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : new long[] {1, 28, 28}) {
            in.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        ValueInfoProto input = ValueInfoProto.newBuilder().setName("images").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(in))).build();
        ValueInfoProto output = ValueInfoProto.newBuilder().setName("features").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber())))
                .build();
        AttributeProto kernel = AttributeProto.newBuilder().setName("kernel_shape")
                .setType(AttributeProto.AttributeType.INTS).addInts(2).addInts(2).build();
        AttributeProto strides = AttributeProto.newBuilder().setName("strides")
                .setType(AttributeProto.AttributeType.INTS).addInts(2).addInts(2).build();
        GraphProto graph = GraphProto.newBuilder().setName("pool").addInput(input).addOutput(output)
                .addNode(NodeProto.newBuilder().setOpType("AveragePool").addInput("images").addOutput("p")
                        .addAttribute(kernel).addAttribute(strides))
                .addNode(NodeProto.newBuilder().setOpType("Flatten").addInput("p").addOutput("features"))
                .build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build();
        return Files.write(tmp.resolve("pool.onnx"), model.toByteArray());
    }

    @Test
    void evaluatesOnAnOnnxNetworksFeatures() throws Exception {
        Path onnx = poolingOnnx();
        Result r = gan("eval", "--run", cdcgan.toString(), "--samples", "30", "--features", onnx.toString(),
                "--features-range", "0..1");
        assertEquals(0, r.code(), r.err());
        JsonNode line = lastEvaluation(cdcgan);
        assertTrue(line.get("features").asText().startsWith("onnx pool.onnx output 'features' (NCHW 1x28x28, range 0..1)"),
                line.toString());
        JsonNode m = line.get("metrics");
        assertTrue(m.get("fid").isNumber() && m.get("fcd") == null, "the Frechet distance on ONNX features: " + m);
        assertTrue(m.get("classifier_score") == null, "not a classifier: " + m);
        assertTrue(m.get("class_accuracy").isNumber(), "conditional: " + m);
    }

    @Test
    void evaluatesAToyRunWithTheToyMetrics() throws Exception {
        Result r = gan("eval", "--run", ring.toString(), "--samples", "500");
        assertEquals(0, r.code(), r.err());
        JsonNode line = lastEvaluation(ring);
        assertEquals("ring mixture (8 modes)", line.get("reference").asText());
        assertTrue(line.get("metrics").get("modes").isNumber(), line.toString());
        assertTrue(line.get("metrics").has("high_quality_pct"), line.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("modes ")), r.out());
    }

    @Test
    void badInputGetsOneLineWithTheFix() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals("gan eval: --run " + empty + " is not a gan4j run (no config.json and run.json); give the --out"
                + " of a `gan train`", failsWith(1, gan("eval", "--run", empty.toString())));
        Path unfinished = Files.createDirectories(tmp.resolve("unfinished"));
        Files.copy(ring.resolve("config.json"), unfinished.resolve("config.json"));
        Files.copy(ring.resolve("run.json"), unfinished.resolve("run.json"));
        assertTrue(failsWith(1, gan("eval", "--run", unfinished.toString())).endsWith("the run did not finish"));
        assertEquals("gan eval: --samples must be at least 2, got 1; 10000 is the usual count",
                failsWith(2, gan("eval", "--run", cdcgan.toString(), "--samples", "1")));
        Path missing = tmp.resolve("inception.onnx");
        assertEquals("gan eval: --features " + missing + " does not exist; give an .onnx feature extractor (e.g."
                        + " InceptionV3) or 'classifier'",
                failsWith(2, gan("eval", "--run", cdcgan.toString(), "--samples", "20", "--features", missing.toString())));
        assertEquals("gan eval: dataset 'shapes' has no test split; use --reference train",
                failsWith(2, gan("eval", "--run", cdcgan.toString(), "--samples", "20", "--reference", "test")));
        assertEquals("gan eval: --features-range must be -1..1, 0..1 or 0..255, got '0..2'",
                failsWith(2, gan("eval", "--run", cdcgan.toString(), "--features-range", "0..2")));
        assertEquals("gan eval: --features " + missing + ": dataset 'ring' is 2-D points, scored with the toy metrics;"
                + " leave --features out", failsWith(2, gan("eval", "--run", ring.toString(), "--samples", "20",
                "--features", missing.toString())));
    }
}
