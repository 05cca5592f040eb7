/**
 * File helpers (public API): files written atomically (a temporary file synced and renamed), and
 * NumPy's .npy format read and written for samples and latent vectors.
 */
package org.gan4j.core.io;
