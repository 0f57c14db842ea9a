/**
 * Go's {@code strconv} float text as the Go-based engines Palisade reimplements print it:
 * {@code FormatFloat} for float64 and float32, with the shortest decimal digits that read back as
 * the same float, on which {@code encoding/json} and {@code fmt}'s {@code %v} build. Shared by the
 * Rego built-ins ({@code sprintf}, number text) and Kyverno's JMESPath functions.
 *
 * <p>Internal: exported only to {@code dev.palisade.rego} and {@code dev.palisade.kyverno} (a
 * qualified export in {@code module-info.java}); not an API for hosts.
 */
package dev.palisade.core.internal.gostrconv;
