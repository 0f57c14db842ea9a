/**
 * Report writers: human text, JSON, SARIF 2.1.0 and JUnit XML, all from one {@link dev.palisade.core.Report}.
 */
package dev.palisade.core.report;
