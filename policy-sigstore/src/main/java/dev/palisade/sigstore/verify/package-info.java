/**
 * Cosign and Sigstore signature verification: key-based and keyless, legacy signatures and bundles, trusted roots.
 */
package dev.palisade.sigstore.verify;
