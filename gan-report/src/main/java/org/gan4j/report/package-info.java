/**
 * A run's presentation (public API: {@link org.gan4j.report.ReportListeners},
 * {@link org.gan4j.report.ReportModule}, {@link org.gan4j.report.RunReport}; charts and HTML are
 * internal): report.html, one page that needs nothing else, rewritten every epoch from the run's
 * files.
 */
package org.gan4j.report;
