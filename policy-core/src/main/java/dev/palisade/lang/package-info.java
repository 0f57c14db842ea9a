/**
 * The rule language: a compiled, CEL-compatible expression language with a cost budget.
 */
package dev.palisade.lang;
