/**
 * The Pod Security Standards (baseline and restricted, every policy version) and Pod Security Admission namespace semantics.
 */
package dev.palisade.rules.podsecurity;
