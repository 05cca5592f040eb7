package org.gan4j.examples.library;

import java.nio.file.Path;
import org.gan4j.core.config.RunSettings;
import org.gan4j.core.train.TrainedGan;
import org.gan4j.starter.Gan4j;

/** Trains a built-in GAN from Java and gets the model back: metrics, samples, an ONNX file. */
public final class TrainAGan {

    private TrainAGan() {}

    /** @param args the ONNX file to write */
    public static void main(String[] args) {
        RunSettings settings = Gan4j.settings()          // defaults < the model's recipe < these
                .set("model", "dcgan").set("model.options.width", "0.25")
                .set("dataset", "shapes").set("dataset.options.size", "28").set("latentSize", 16)
                .set("steps", 100).set("batchSize", 64).set("evalEvery", 0)
                .resolve(Gan4j.plugins());
        try (TrainedGan gan = Gan4j.trainer(settings).build().train()) {   // no run directory: nothing on disk
            System.out.println("metrics " + gan.metrics());
            float[][] samples = gan.sample(16);                              // 16 images, 1x28x28, in [-1, 1]
            System.out.println(samples.length + " samples of " + samples[0].length + " values");
            gan.exportOnnx(Path.of(args[0]));                              // checked against ONNX Runtime
        }
    }
}
