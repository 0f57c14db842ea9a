/**
 * Implementation of signature verification: parsing of bundles and log entries, certificate, SCT,
 * SET, Merkle-proof and timestamp checks. Not API.
 */
package dev.palisade.sigstore.verify.internal;
