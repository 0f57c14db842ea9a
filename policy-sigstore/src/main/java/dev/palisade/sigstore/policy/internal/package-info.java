/** Internals of image-signature policies; not for hosts. */
package dev.palisade.sigstore.policy.internal;
