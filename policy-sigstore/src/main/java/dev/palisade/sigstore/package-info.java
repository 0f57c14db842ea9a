/**
 * Container image references and their normalisation.
 */
package dev.palisade.sigstore;
