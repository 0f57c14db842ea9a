/**
 * Image-signature policies: {@link dev.palisade.sigstore.policy.CosignImageVerifier}, the core
 * {@link dev.palisade.core.ImageVerifier} backed by a registry and cosign verification, and
 * {@link dev.palisade.sigstore.policy.ImagePolicyFormat}, which reads {@code palisade.dev/v1 ImagePolicy}.
 */
package dev.palisade.sigstore.policy;
