package org.gan4j.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gan4j.api.ConfigException;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    private static String error(Runnable r) {
        return assertThrows(ConfigException.class, r::run).getMessage();
    }

    @Test
    void defaultsAreValid() {
        TrainConfig c = TrainConfig.builder().build();
        assertEquals("mlp", c.model().name());
        assertEquals("non-saturating", c.loss().name());
        assertEquals("ring", c.dataset().name());
        assertEquals("cpu", c.device());
    }

    @Test
    void messagesNameTheFieldAndTheRule() {
        assertEquals("batchSize must be positive, got 0", error(() -> TrainConfig.builder().batchSize(0).build()));
        assertEquals("latentSize must be positive, got -3", error(() -> TrainConfig.builder().latentSize(-3).build()));
        assertEquals(
                "discriminatorSteps must be 0 (the loss's choice) or positive, got -1",
                error(() -> TrainConfig.builder().discriminatorSteps(-1).build()));
        assertEquals(
                "device must be cpu, gpu or gpu:N, got 'tpu'", error(() -> TrainConfig.builder().device("tpu").build()));
        assertEquals(
                "set exactly one of epochs and steps to a positive number (got epochs=0, steps=0)",
                error(() -> TrainConfig.builder().steps(0).build()));
    }

    @Test
    void adamRejectsNegativeLearningRatesAndBadBetas() {
        assertEquals("learningRate must be a positive number, got -0.001", error(() -> AdamConfig.of(-0.001, 0.5)));
        assertEquals("beta1 must be in [0, 1), got 1.0", error(() -> AdamConfig.of(0.001, 1.0)));
        assertEquals(
                "generatorOptimizer.learningRate must be a positive number, got 0.0",
                error(() -> TrainConfig.nested("generatorOptimizer", () -> AdamConfig.of(0, 0.5))));
    }

    @Test
    void stepsAndEpochsAreAlternatives() {
        TrainConfig c = TrainConfig.builder().epochs(3).steps(100).build();
        assertEquals(0, c.epochs());
        assertEquals(100, c.steps());
    }

    @Test
    void pluginNamesAreChecked() {
        assertEquals(
                "name 'My GAN' is invalid; plugin names are lower-case letters, digits and '-'",
                error(() -> PluginChoice.of("My GAN")));
    }
}
