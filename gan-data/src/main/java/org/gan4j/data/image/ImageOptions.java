package org.gan4j.data.image;

import java.util.Locale;
import org.gan4j.api.GanException;
import org.gan4j.api.plugin.OptionSpec;
import org.gan4j.api.plugin.Options;

/** The options the image datasets share, declared and checked in one place. */
final class ImageOptions {

    static final String SIZE = "size";
    static final String CHANNELS = "channels";

    // Below 8 pixels there is no image left to learn; above 1024 one batch no longer fits memory.
    static final int MIN_SIZE = 8;
    static final int MAX_SIZE = 1024;

    private ImageOptions() {}

    /**
     * The {@code size} option.
     *
     * @param defaultSize its default
     * @return the option's declaration
     */
    static OptionSpec size(int defaultSize) {
        return new OptionSpec(SIZE, Integer.toString(defaultSize),
                "output height and width in pixels (" + MIN_SIZE + " to " + MAX_SIZE + "); images are resized to it");
    }

    /**
     * The {@code channels} option.
     *
     * @param defaultChannels its default, 1 or 3
     * @param description what 1 and 3 mean for the dataset
     * @return the option's declaration
     */
    static OptionSpec channels(int defaultChannels, String description) {
        return new OptionSpec(CHANNELS, Integer.toString(defaultChannels), description);
    }

    /**
     * Reads {@code size}.
     *
     * @param options the dataset's options
     * @return the size, from 8 to 1024
     */
    static int size(Options options) {
        int size = options.getInt(SIZE);
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw options.invalid(SIZE, options.getString(SIZE), "an integer from " + MIN_SIZE + " to " + MAX_SIZE);
        }
        return size;
    }

    /**
     * Reads {@code channels}.
     *
     * @param options the dataset's options
     * @return 1 or 3
     */
    static int channels(Options options) {
        int channels = options.getInt(CHANNELS);
        if (channels != 1 && channels != 3) {
            throw options.invalid(CHANNELS, options.getString(CHANNELS), "1 (grey) or 3 (RGB)");
        }
        return channels;
    }

    /**
     * Fails early, with the fix, when images kept as bytes would not fit in the heap, instead of
     * an OutOfMemoryError part way through decoding or drawing them.
     *
     * @param dataset the dataset's name, for the message
     * @param images the number of images
     * @param channels channels an image
     * @param size rows and columns an image
     */
    static void checkMemory(String dataset, long images, int channels, int size) {
        long bytes = images * channels * size * (long) size;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new GanException(String.format(Locale.ROOT,
                    "dataset '%s': %,d images of %dx%dx%d need %,d MiB as bytes, more than the JVM's %,d MiB;"
                            + " lower the size or the number of images, or give Java more memory (-Xmx)",
                    dataset, images, channels, size, size, bytes >> 20, max >> 20));
        }
    }
}
