/**
 * Palisade's supply-chain checks: image references, OCI registry access, digest pinning and
 * cosign/Sigstore signature verification. Only API packages are exported.
 */
// This descriptor is compiled, so the build checks what the module requires and exports, but it is not
// published: the jar leaves module-info.class out and names itself dev.palisade.sigstore with an
// Automatic-Module-Name (see pom.xml). It requires re2j, a name Java derives from a jar file
// (the jar declares no module name), which a published descriptor must not depend on.
module dev.palisade.sigstore {
    requires transitive dev.palisade.core;
    // named here as well: dev.palisade.core is published as an automatic module, which passes on no requires
    requires transitive com.fasterxml.jackson.databind;
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
