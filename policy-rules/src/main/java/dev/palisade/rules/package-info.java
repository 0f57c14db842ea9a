/**
 * The built-in policy catalogue and its names ({@code builtin:...} references).
 */
package dev.palisade.rules;
