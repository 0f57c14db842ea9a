/**
 * Report writers: human text, JSON, SARIF 2.1.0, JUnit XML, PolicyReport (wg-policy and OpenReports)
 * and a static HTML compliance dashboard, all from one {@link dev.palisade.core.Report}; the
 * compliance score ({@link dev.palisade.core.report.Compliance}), resource owners
 * ({@link dev.palisade.core.report.Owners}) and a bounded history of runs
 * ({@link dev.palisade.core.report.History}) for trends.
 */
package dev.palisade.core.report;
