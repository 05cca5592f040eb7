package org.gan4j.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridsTest {

    @Test
    void conditionalSamplesGetOneRowPerClass() {
        // Labels cycle 0,1,2,0,1,2,...: row k must hold exactly the samples asked for class k.
        int[] labels = {0, 1, 2, 0, 1, 2, 0};
        int[] layout = ImageGrids.layout(labels.length, labels, 3, 2);
        assertEquals(3, layout[0]);
        assertEquals(2, layout[1]);
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, java.util.Arrays.copyOfRange(layout, 2, layout.length));
    }

    @Test
    void unconditionalSamplesFillTheGridInOrder() {
        int[] layout = ImageGrids.layout(5, null, 0, 4);
        assertEquals(2, layout[0]);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, -1, -1, -1}, java.util.Arrays.copyOfRange(layout, 2, layout.length));
    }

    @Test
    void pixelsMapMinusOneToBlackAndOneToWhiteInTheirCells(@TempDir Path dir) throws Exception {
        // Two 1x2x2 grey images: the first black then white on its top row, the second all white.
        float[][] images = {{-1f, 1f, 0f, 2f}, {1f, 1f, 1f, 1f}};
        Path file = dir.resolve("grid.png");
        ImageGrids.writePng(file, images, null, 0, new long[] {1, 2, 2}, 2);
        BufferedImage img = ImageIO.read(file.toFile());
        // Gap 2, zoom 2 (small images): cell 0 spans x 2..5, cell 1 x 8..11.
        assertEquals(2 + 2 * (4 + 2), img.getWidth());
        assertEquals(0x000000, img.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(4, 2) & 0xFFFFFF);
        assertEquals(0x808080, img.getRGB(2, 4) & 0xFFFFFF, "0 is mid grey");
        assertEquals(0xFFFFFF, img.getRGB(4, 4) & 0xFFFFFF, "values beyond 1 are clipped");
        assertEquals(0xFFFFFF, img.getRGB(9, 3) & 0xFFFFFF);
    }

    @Test
    void rgbChannelsKeepTheirOrder() {
        // One 3x1x1 image: red 1, green -1, blue -1.
        BufferedImage img =
                ImageGrids.draw(new float[][] {{1f, -1f, -1f}}, new int[] {0}, 1, 1, new long[] {3, 1, 1}, 1);
        assertEquals(0xFF0000, img.getRGB(2, 2) & 0xFFFFFF);
    }

    @Test
    void aGridOfGivenRowsAndColumnsFillsRowByRow(@TempDir Path dir) throws Exception {
        // Five 1x2x2 images in 3 rows of 2 (e.g. latent walks): the sixth cell stays empty.
        float[][] images = new float[5][];
        for (int i = 0; i < 5; i++) {
            images[i] = new float[] {i % 2 == 0 ? 1f : -1f, 0f, 0f, 0f};
        }
        Path file = dir.resolve("walks.png");
        ImageGrids.writePng(file, images, 3, 2, new long[] {1, 2, 2});
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(2 + 2 * (4 + 2), img.getWidth());
        assertEquals(2 + 3 * (4 + 2), img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(2, 2) & 0xFFFFFF, "image 0, row 0");
        assertEquals(0x000000, img.getRGB(8, 2) & 0xFFFFFF, "image 1, row 0");
        assertEquals(0xFFFFFF, img.getRGB(2, 8) & 0xFFFFFF, "image 2, row 1");
        assertEquals(0xFFFFFF, img.getRGB(2, 14) & 0xFFFFFF, "image 4, row 2");
        assertEquals(0x808080, img.getRGB(8, 14) & 0xFFFFFF, "empty cell");
    }
}
