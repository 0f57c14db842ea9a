/**
 * Palisade's Rego interpreter: compile Rego modules once with {@link dev.palisade.rego.Rego#compiler()}
 * into an immutable, thread-safe {@link dev.palisade.rego.RegoProgram}, then evaluate queries or rules
 * against JSON {@code input} and {@code data} with {@link dev.palisade.rego.EvaluationOptions}.
 */
package dev.palisade.rego;
