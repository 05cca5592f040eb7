package org.gan4j.cli;

import static org.gan4j.cli.CliTest.failsWith;
import static org.gan4j.cli.CliTest.gan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.cli.CliTest.Result;
import org.gan4j.onnx.GeneratorMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan export} and the export at the end of {@code gan train}, through the command line. */
class ExportCommandTest {

    @TempDir static Path tmp;
    static Path mlp;
    static Path cdcgan;

    @BeforeAll
    static void trainTinyRuns() {
        mlp = tmp.resolve("mlp");
        Result r = gan("train", "--steps", "20", "--batch-size", "64", "--dataset-opt", "samples=640",
                "--model-opt", "g-hidden=16", "--model-opt", "d-hidden=16", "--out", mlp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  exported " + mlp.resolve("generator.onnx") + " (ONNX Runtime matches DJL within "),
                r.out());
        cdcgan = tmp.resolve("cdcgan");
        Result c = gan("train", "--model", "cdcgan", "--model-opt", "width=0.125", "--steps", "2", "--batch-size", "16",
                "--dataset-opt", "samples=96", "--dataset-opt", "size=28", "--out", cdcgan.toString(), "--quiet");
        assertEquals(0, c.code(), c.err());
    }

    private static GeneratorMetadata metadataOf(Path file) throws Exception {
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions())) {
            return GeneratorMetadata.fromProperties(s.getMetadata().getCustomMetadata(), file.toString());
        }
    }

    @Test
    void trainingWritesTheGeneratorAsOnnxWithItsProvenance() throws Exception {
        GeneratorMetadata md = metadataOf(mlp.resolve("generator.onnx"));
        assertTrue(Files.readString(mlp.resolve("run.json")).contains("\"latentSize\" : " + md.latentSize()));
        assertEquals(0, md.numClasses());
        assertEquals("ND", md.outputLayout());
        assertEquals(2, md.sampleShape()[0]);
        assertEquals("mlp", md.provenance().get("model"));
        assertEquals("ring", md.provenance().get("dataset"));
        assertEquals("20", md.provenance().get("training_steps"));
        assertEquals("0.35.1", md.provenance().get("djl_version"));
        assertEquals(Files.readString(mlp.resolve("config.json")), md.provenance().get("config"));

        GeneratorMetadata c = metadataOf(cdcgan.resolve("generator.onnx"));
        assertEquals(6, c.numClasses());
        assertEquals("circle", c.classNames().get(0));
        assertEquals("NCHW", c.outputLayout());
        assertEquals("[-1, 1]", c.outputRange());
        assertEquals(28, c.sampleShape()[2]);
    }

    @Test
    void exportWritesTheChosenFileOpsetAndForm() throws Exception {
        Path out = tmp.resolve("folded.onnx");
        Result r = gan("export", "--run", cdcgan.toString(), "--out", out.toString(), "--opset", "13",
                "--fold-batch-norm");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + " ("), r.out());
        assertTrue(r.out().contains("opset 13, IR 7); ONNX Runtime matches DJL on 9 samples, largest difference "), r.out());
        var model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(13, model.getOpsetImport(0).getVersion());
        assertFalse(model.getGraph().getNodeList().stream().anyMatch(n -> n.getOpType().equals("BatchNormalization")),
                "batch norm is folded");

        Path u8 = tmp.resolve("u8.onnx");
        assertEquals(0, gan("export", "--run", cdcgan.toString(), "--out", u8.toString(), "--uint8").code());
        assertEquals("uint8", metadataOf(u8).outputType());
    }

    @Test
    void badExportRequestsFailInOneLineAndWriteNothing() throws Exception {
        assertEquals("gan export: --opset 12 is not supported; use 13 to 21 (default 17)",
                failsWith(2, gan("export", "--run", mlp.toString(), "--opset", "12")));
        assertEquals("gan export: --out " + tmp.resolve("g.txt") + ": an ONNX file's name must end in .onnx",
                failsWith(2, gan("export", "--run", mlp.toString(), "--out", tmp.resolve("g.txt").toString())));
        Path u8 = tmp.resolve("vector-u8.onnx");
        assertEquals("gan export: uint8 output is for images in [-1, 1]; this generator writes ND in (-inf, inf);"
                        + " export it as float32",
                failsWith(1, gan("export", "--run", mlp.toString(), "--out", u8.toString(), "--uint8")));
        assertFalse(Files.exists(u8));
        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        String line = failsWith(1, gan("export", "--run", notARun.toString()));
        assertTrue(line.startsWith("gan export: "), line);
        assertTrue(line.contains(notARun.toString()), line);
        assertFalse(Files.exists(notARun.resolve("generator.onnx")));
    }

    /** The --run and --onnx paths of 'gan sample' agree on explicit latent vectors (and labels). */
    @Test
    void samplingTheRunAndItsOnnxFileGivesTheSameSamples() throws Exception {
        for (Path run : new Path[] {mlp, cdcgan}) {
            int latent = metadataOf(run.resolve("generator.onnx")).latentSize();
            int n = 12;
            float[] z = new float[n * latent];
            java.util.Random random = new java.util.Random(4);
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            Path zFile = tmp.resolve(run.getFileName() + "-z.npy");
            org.gan4j.core.io.NpyFiles.writeFloat32(zFile, z, n, latent);
            Path fromRun = tmp.resolve(run.getFileName() + "-run.npy");
            Path fromOnnx = tmp.resolve(run.getFileName() + "-onnx.npy");
            assertEquals(0, gan("sample", "--run", run.toString(), "--latent", zFile.toString(), "--out", fromRun.toString()).code());
            Result r = gan("sample", "--onnx", run.resolve("generator.onnx").toString(), "--latent", zFile.toString(),
                    "--out", fromOnnx.toString());
            assertEquals(0, r.code(), r.err());
            float[] a = org.gan4j.core.io.NpyFiles.read(fromRun).values();
            float[] b = org.gan4j.core.io.NpyFiles.read(fromOnnx).values();
            assertEquals(a.length, b.length);
            double worst = 0;
            double spread = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
                spread = Math.max(spread, Math.abs(a[i] - a[0]));
            }
            System.out.printf("%s: --run and --onnx differ by at most %.2e over %d values%n", run.getFileName(), worst, a.length);
            assertTrue(worst <= 1e-4, run + ": " + worst);
            assertTrue(spread > 1e-3, "samples barely vary: " + spread);
        }
    }

    @Test
    void pluginsListsTheConverters() {
        Result r = gan("plugins");
        for (String name : new String[] {"linear", "batch-norm", "transposed-conv2d", "label-concat", "sequential", "djl-lambda"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  converter   " + name + " ")), r.out());
        }
    }
}
