/**
 * The starter rules: small, well-known checks shipped as Java policies, with the {@code builtin:default} set.
 */
package dev.palisade.rules.starter;
