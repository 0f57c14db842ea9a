/**
 * The recommended catalogue of built-in checks ({@code builtin:recommended}); internals live in
 * {@code dev.palisade.rules.recommended.internal}.
 */
package dev.palisade.rules.recommended;
