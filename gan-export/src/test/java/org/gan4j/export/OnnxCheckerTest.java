package org.gan4j.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.onnx.GeneratorMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every exported file passes ONNX's own checker with full shape inference, {@code
 * onnx.checker.check_model(model, full_check=True)}, run by Debian's python3-onnx (./test installs
 * it when missing). Debian's onnx 1.12 knows IR versions up to 8 and operator sets up to 17, so
 * files are written at opsets 13 and 17 here; ONNX Runtime's loading of later opsets is tested in
 * {@link OnnxExporterTest}.
 */
class OnnxCheckerTest {

    static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = String.join("\n",
            "import sys",
            "try:",
            "    import onnx",
            "except ImportError:",
            "    sys.exit('python3-onnx is missing; install it with: apt-get install python3-onnx')",
            "for path in sys.argv[1:]:",
            "    model = onnx.load(path)",
            "    onnx.checker.check_model(model, full_check=True)",
            "    print('ok', path, model.opset_import[0].version, model.ir_version)");

    @TempDir Path dir;

    @Test
    void everyBuiltInGeneratorPassesOnnxsFullCheck() throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", SCRIPT));
        int i = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (Arguments a : OnnxRoundTripTest.generators().toList()) {
                Object[] v = a.get();
                ModelSpec spec = (ModelSpec) v[1];
                @SuppressWarnings("unchecked")
                Block g = Generators.build(m, (String) v[0], spec, (Map<String, String>) v[2], 11);
                GeneratorMetadata md = Generators.metadata(spec, (String) v[0]);
                Path plain = dir.resolve(i + "-" + v[0] + ".onnx");
                OnnxExporter.builder().build().export(g, md, 1f, plain);
                Path folded = dir.resolve(i + "-" + v[0] + "-folded-opset13.onnx");
                OnnxExporter.builder().optFoldBatchNorm(true).optOpset(13).build().export(g, md, 1f, folded);
                command.add(plain.toString());
                command.add(folded.toString());
                if (md.outputLayout().equals("NCHW")) {
                    Path u8 = dir.resolve(i + "-" + v[0] + "-uint8.onnx");
                    OnnxExporter.builder().optUint8Output(true).build().export(g, md, 1f, u8);
                    command.add(u8.toString());
                }
                i++;
            }
            ModelSpec custom = new ModelSpec(5, new Shape(4), 0);
            Path c = dir.resolve("custom.onnx");
            OnnxExporter.builder().build().export(
                    Generators.build(m, "test-custom", custom, Map.of(), 1), Generators.metadata(custom, "test-custom"), 1f, c);
            command.add(c.toString());
        }
        assertTrue(Files.isExecutable(Path.of(PYTHON)),
                PYTHON + " is missing; install Debian's python3 and python3-onnx (apt-get install python3-onnx)");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        assertEquals(0, code, "onnx.checker rejected a file:\n" + output);
        long checked = output.lines().filter(l -> l.startsWith("ok ")).count();
        assertEquals(command.size() - 3, checked, output);
        System.out.println("onnx.checker full_check passed for " + checked + " files");
    }
}
