/**
 * Image datasets as plugins (used by name: fashion-mnist, mnist, image-folder, shapes): IDX files,
 * folders of PNG and JPEG images resampled to a size, and generated shapes, scaled to [-1, 1].
 */
package org.gan4j.data.image;
