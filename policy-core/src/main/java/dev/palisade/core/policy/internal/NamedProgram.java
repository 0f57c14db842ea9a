package dev.palisade.core.policy.internal;

import dev.palisade.lang.Program;

/** A compiled expression with its name (match conditions, variables, audit annotations). */
public record NamedProgram(String name, Program program) {
}
