package org.gan4j.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Run directories written by hand in the documented formats, for the report's tests: the health
 * and evaluation files come from other parts of gan4j, and a test must not depend on them.
 */
final class ReportFixtures {

    /** Markup in file strings: the page must show it as text. */
    static final String SCRIPT = "<script>document.title='pwned'</script>";

    private ReportFixtures() {}

    /**
     * Writes a complete five-epoch image run: config.json, run.json, metrics.csv, health.csv,
     * diagnosis.jsonl, evaluations.jsonl, eval.json and five sample grids.
     *
     * @param dir the run directory, created
     * @param healthRows rows of health.csv
     * @return dir
     */
    static Path completeRun(Path dir, int healthRows) throws IOException {
        Files.createDirectories(dir.resolve("samples"));
        Files.writeString(dir.resolve("config.json"), """
                {
                  "model" : { "name" : "dcgan", "options" : { "width" : "1", "note" : "%s" } },
                  "loss" : { "name" : "non-saturating", "options" : { } },
                  "regularizers" : [ ],
                  "dataset" : { "name" : "fashion-mnist", "options" : { "size" : "28" } },
                  "epochs" : 5, "steps" : 0, "batchSize" : 128, "seed" : 42
                }
                """.formatted(SCRIPT));
        Files.writeString(dir.resolve("run.json"), """
                {"latentSize":100,"sampleShape":[1,28,28],"numClasses":0,"classNames":[],"scale":1.0,
                 "steps":2340,"gan4jVersion":"0.1.0-SNAPSHOT"}
                """);
        StringBuilder m = new StringBuilder(
                "epoch,step,d_loss,g_loss,fcd,kid,kid_std,precision,recall,class_accuracy,diversity,seconds,rss_mib\n");
        for (int e = 1; e <= 5; e++) {
            boolean evaluated = e % 2 == 1; // evaluation every other epoch: nan between
            m.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%s,%s,%s,%s,%s,nan,%.3f,%.2f,%.1f%n", e, e * 468,
                    0.4 + 0.05 * e, 2.5 - 0.2 * e,
                    evaluated ? String.valueOf(40.0 / e) : "nan", evaluated ? String.valueOf(0.05 / e) : "nan",
                    evaluated ? "0.002" : "nan", evaluated ? String.valueOf(0.5 + 0.05 * e) : "nan",
                    evaluated ? String.valueOf(0.3 + 0.05 * e) : "nan", 0.8 - 0.01 * e, 100.0 * e, 1200.0 + e));
        }
        Files.writeString(dir.resolve("metrics.csv"), m);
        Files.writeString(dir.resolve("health.csv"), health(healthRows, 2340));
        Files.writeString(dir.resolve("diagnosis.jsonl"), String.join("\n",
                "{\"step\":1200,\"epoch\":3,\"problem\":\"vanishing-gradients\",\"title\":\"Vanishing generator gradients"
                        + " (D too strong)\",\"evidence\":\"g_grad_norm fell 1000x in 200 steps " + SCRIPT + "\",\"remedies\":[\"Use the non-saturating loss (--loss non-saturating)\","
                        + "\"Lower the discriminator's learning rate & add instance noise\"]}",
                "{\"step\":2000,\"epoch\":5,\"problem\":\"mode-collapse\",\"title\":\"Mode collapse\","
                        + "\"evidence\":\"diversity fell from 0.80 to 0.20\",\"remedies\":[\"Try unrolled steps\"]}")
                + "\n");
        Files.writeString(dir.resolve("evaluations.jsonl"), String.join("\n",
                evaluation("training", 1404, 3, 13.3, 0.0166),
                evaluation("training", 2340, 5, 8.0, 0.01)) + "\n");
        Files.writeString(dir.resolve("eval.json"), evaluation("gan eval", 2340, 5, 7.9, 0.0099));
        for (int e = 1; e <= 5; e++) {
            grid(dir.resolve(String.format(Locale.ROOT, "samples/epoch-%03d.png", e)), 242, 242, e);
        }
        return dir;
    }

    static String evaluation(String source, long step, int epoch, double fcd, double kid) {
        return String.format(Locale.ROOT, "{\"time\":\"2026-11-24T19:00:00Z\",\"source\":\"%s\",\"step\":%d,"
                + "\"epoch\":%d,\"features\":\"gan4j classifier <fashion-mnist>\",\"reference\":\"fashion-mnist split=test\","
                + "\"referenceSamples\":10000,\"samples\":2500,\"metrics\":{\"fcd\":%s,\"kid\":%s,\"kid_std\":0.0011,"
                + "\"precision\":0.71,\"recall\":0.52,\"classifier_score\":7.1}}", source, step, epoch, fcd, kid);
    }

    /** health.csv with rows evenly spread over the steps. */
    static String health(int rows, long steps) {
        StringBuilder h = new StringBuilder("step,epoch,d_loss,g_loss,d_real_accuracy,d_fake_accuracy,real_score,"
                + "fake_score,g_grad_norm,d_grad_norm\n");
        for (int i = 1; i <= rows; i++) {
            long step = Math.max(1, i * steps / rows);
            double t = (double) i / rows;
            h.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.3f,%.3f,%.3f,%.3f,%.4g,%.4g%n", step,
                    1 + step * 5 / (steps + 1), 0.5 + 0.1 * Math.sin(i), 2 - t, 0.6 + 0.3 * t, 0.55 + 0.3 * t,
                    1 + t, -1 - t, Math.pow(10, -3 * t), 0.5 + t));
        }
        return h.toString();
    }

    /** A picture that is not blank: a grey frame with a bar whose length depends on seed. */
    static void grid(Path file, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillRect(2, 2, Math.max(1, (w - 4) * seed / 12), h / 3);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
