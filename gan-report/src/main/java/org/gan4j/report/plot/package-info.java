/**
 * Sample pictures (public API): grids of generated images and scatter plots of 2-D samples over
 * real ones, written as PNG each epoch and by {@code gan sample}.
 */
package org.gan4j.report.plot;
