package org.gan4j.data.image;

import java.util.List;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST (LeCun et al. 1998): 28x28 grey images of handwritten digits in 10 classes, from the
 * four IDX files in {@code --data-dir}. Unlike Fashion-MNIST it is not packaged, so there is no
 * default folder.
 */
public final class MnistProvider extends IdxProvider {

    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String description() {
        return "MNIST handwritten digits, 28x28 grey, 10 classes, from the IDX files in --data-dir";
    }

    @Override
    List<String> classNames() {
        return CLASSES;
    }

    @Override
    Path defaultDir() {
        return null;
    }

    @Override
    Remedy howToGetTheFiles() {
        return new Remedy("MNIST is not packaged; pass {0} DIR holding its four IDX files (train-images-idx3-ubyte,"
                + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, gzipped or not)",
                List.of(List.of(SettingChange.of("dataDir"))));
    }
}
