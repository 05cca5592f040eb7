/**
 * Test-only games whose products take inputs besides z and a label (not public API): {@code
 * translator}, whose product takes an image, and {@code coded}, whose product takes noise, a
 * uniform code and categorical inputs; with the block and converter that join such inputs. They
 * train a few steps on real data by regression, which is all an export and sampling test needs.
 * Registered for gan-export's tests by its test services files and, through the test-jar, for
 * gan-cli's by its own.
 */
package org.gan4j.export.games;
