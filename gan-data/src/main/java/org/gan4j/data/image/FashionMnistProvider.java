package org.gan4j.data.image;

import java.util.List;
import org.gan4j.api.Remedy;
import org.gan4j.api.SettingChange;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao et al. 2017): 28x28 grey images of clothing in 10 classes, 60,000 for
 * training and 10,000 for testing, in MNIST's IDX format. Debian packages it: {@code apt-get
 * install dataset-fashion-mnist} puts the four gzipped IDX files in {@value #DEFAULT_DIR}, which is
 * read when no {@code --data-dir} is given.
 */
public final class FashionMnistProvider extends IdxProvider {

    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";

    private static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @Override
    public String name() {
        return "fashion-mnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST: 28x28 grey images of clothing in 10 classes (IDX files)";
    }

    @Override
    List<String> classNames() {
        return CLASSES;
    }

    @Override
    Path defaultDir() {
        return Path.of(DEFAULT_DIR);
    }

    @Override
    Remedy howToGetTheFiles() {
        return new Remedy("install them with 'apt-get install dataset-fashion-mnist' (into " + DEFAULT_DIR
                + "), or pass {0} DIR holding the four IDX files", List.of(List.of(SettingChange.of("dataDir"))));
    }
}
