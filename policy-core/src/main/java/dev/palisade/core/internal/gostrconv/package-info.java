/**
 * Go's {@code strconv} number text as the Go-based engines Palisade reimplements print it: the
 * shortest decimal digits that read back as the same float64 or float32, which Go's
 * {@code FormatFloat(v, fmt, -1, bits)}, {@code encoding/json} and {@code fmt}'s {@code %v} start from.
 * Shared by the Rego built-ins and Kyverno's JMESPath functions, which each lay the digits out in
 * the form their Go code uses.
 *
 * <p>Internal: exported only to {@code dev.palisade.rego} and {@code dev.palisade.kyverno} (a
 * qualified export in {@code module-info.java}); not an API for hosts.
 */
package dev.palisade.core.internal.gostrconv;
