/**
 * Palisade's supply-chain checks: image references, OCI registry access, digest pinning and
 * cosign/Sigstore signature verification. Only API packages are exported.
 */
module dev.palisade.sigstore {
    requires transitive dev.palisade.core;
    requires java.net.http;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires re2j;

    exports dev.palisade.sigstore;
    exports dev.palisade.sigstore.pin;
    exports dev.palisade.sigstore.policy;
    exports dev.palisade.sigstore.registry;
    exports dev.palisade.sigstore.tuf;
    exports dev.palisade.sigstore.verify;

    provides dev.palisade.core.policy.PolicyFormat with dev.palisade.sigstore.policy.ImagePolicyFormat;
    provides dev.palisade.core.policy.PolicyCatalogue with dev.palisade.sigstore.policy.SupplyChainCatalogue;
}
