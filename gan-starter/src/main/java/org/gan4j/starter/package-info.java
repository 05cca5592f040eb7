/**
 * gan4j in one dependency (public API): {@link org.gan4j.starter.Gan4j} makes trainers with
 * gan4j's evaluation, run files and report, and {@link org.gan4j.starter.Gan4jModule} wires a whole
 * run into a Guice injector of one's own.
 */
package org.gan4j.starter;
