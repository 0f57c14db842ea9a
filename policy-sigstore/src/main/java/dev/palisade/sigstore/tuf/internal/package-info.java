/** Internals of the TUF client: canonical JSON and signed metadata. Not API. */
package dev.palisade.sigstore.tuf.internal;
