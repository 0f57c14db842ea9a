/**
 * Go's {@code time} package as the Go-based engines Palisade reimplements see it: reference-time
 * layouts ({@code 2006-01-02T15:04:05Z07:00}) for parsing and formatting, durations
 * ({@code 1h30m}), and the arithmetic of {@code time.Time}. One implementation serves both the
 * Rego built-ins ({@code time.parse_ns}, {@code time.format}, {@code time.parse_duration_ns}, ...)
 * and Kyverno's JMESPath time functions ({@code time_parse}, {@code time_add}, {@code time_diff},
 * ...). Messages are Go's, word for word.
 *
 * <p>Internal: exported only to {@code dev.palisade.rego} and {@code dev.palisade.kyverno} (a
 * qualified export in {@code module-info.java}); not an API for hosts.
 */
package dev.palisade.core.internal.gotime;
