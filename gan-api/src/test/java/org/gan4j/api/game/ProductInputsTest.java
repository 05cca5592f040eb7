package org.gan4j.api.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.api.ConfigException;
import org.gan4j.api.data.Noise;
import org.gan4j.api.data.Seeds;
import org.junit.jupiter.api.Test;

class ProductInputsTest {

    /** Noise, a second noise, a uniform code, a label, a categorical code and an image. */
    private static final Product EVERY_KIND = new Product("translator", List.of(
            ProductInput.normal("z", 3),
            ProductInput.normal("w", 2),
            new ProductInput("code", ProductInput.Kind.UNIFORM, new Shape(2), 0),
            ProductInput.categorical("label", 3),
            ProductInput.categorical("style", 2),
            new ProductInput("source", ProductInput.Kind.IMAGE, new Shape(1, 2, 2), 0)), new Shape(1, 2, 2));

    private static float[] stream(long seed, long purpose, int count, boolean uniform, long... coordinates) {
        long[] all = new long[coordinates.length + 1];
        all[0] = purpose;
        System.arraycopy(coordinates, 0, all, 1, coordinates.length);
        SplittableRandom r = Seeds.stream(seed, all);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = uniform ? (float) (2 * r.nextDouble() - 1) : (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void everyInputDrawsFromItsOwnStreamAndImagesAreTakenAsGiven() {
        float[] source = new float[4 * 4];
        for (int i = 0; i < source.length; i++) {
            source[i] = i / 10f;
        }
        ProductInputs in = ProductInputs.draw(EVERY_KIND, 4, 21, Noise.SAMPLING, 1, Map.of("source", source));
        // The latent vector is the noise gan sample has always drawn.
        assertArrayEquals(Noise.normal(21, Noise.SAMPLING, 0, 4, 3), in.floats("z"));
        assertArrayEquals(stream(21, Noise.SAMPLING, 8, false, 0, 1), in.floats("w"), "input 1's stream");
        float[] code = in.floats("code");
        assertArrayEquals(stream(21, Noise.SAMPLING, 8, true, 0, 2), code, "input 2's stream");
        for (float c : code) {
            assertTrue(c >= -1 && c <= 1, "uniform on [-1, 1]: " + c);
        }
        assertArrayEquals(new int[] {1, 1, 1, 1}, in.ints("label"), "the label is the first categorical input's");
        assertArrayEquals(new int[] {0, 1, 0, 1}, in.ints("style"), "the others cycle");
        assertArrayEquals(source, in.floats("source"));
        assertNull(in.ints("z"));

        ProductInputs cycling = ProductInputs.draw(EVERY_KIND, 4, 21, Noise.SAMPLING, -1, Map.of("source", source));
        assertArrayEquals(new int[] {0, 1, 2, 0}, cycling.ints("label"));
    }

    @Test
    void imagesCannotBeDrawnAndMustFit() {
        assertEquals("the product takes an image ('source'); give the images to translate instead of drawing them",
                assertThrows(ConfigException.class, () -> ProductInputs.draw(EVERY_KIND, 2, 0, Noise.SAMPLING, -1))
                        .getMessage());
        assertEquals("input 'source' needs 8 values (2 samples of (1, 2, 2)), got 3",
                assertThrows(IllegalArgumentException.class, () -> ProductInputs.draw(EVERY_KIND, 2, 0,
                        Noise.SAMPLING, -1, Map.of("source", new float[3]))).getMessage());
    }
}
