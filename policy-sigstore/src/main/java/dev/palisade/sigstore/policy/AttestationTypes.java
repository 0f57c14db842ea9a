package dev.palisade.sigstore.policy;

import dev.palisade.core.PalisadeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The predicate types of in-toto attestations, under the short names cosign's {@code --type} accepts.
 */
public final class AttestationTypes {
    /** SLSA provenance v0.2. */
    public static final String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";
    /** SLSA provenance v1. */
    public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
    /** An SPDX SBOM (JSON). */
    public static final String SPDX = "https://spdx.dev/Document";
    /** A CycloneDX SBOM. */
    public static final String CYCLONEDX = "https://cyclonedx.org/bom";
    /** A cosign vulnerability scan. */
    public static final String VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";
    /** A cosign custom predicate. */
    public static final String CUSTOM = "https://cosign.sigstore.dev/attestation/v1";
    /** An in-toto link. */
    public static final String LINK = "https://in-toto.io/Link/v1";
    /** An OpenVEX document. */
    public static final String OPENVEX = "https://openvex.dev/ns";

    private static final Map<String, String> NAMES = Map.of("slsaprovenance", SLSA_PROVENANCE_V02,
            "slsaprovenance02", SLSA_PROVENANCE_V02, "slsaprovenance1", SLSA_PROVENANCE_V1, "spdx", SPDX,
            "spdxjson", SPDX, "cyclonedx", CYCLONEDX, "vuln", VULN, "custom", CUSTOM, "link", LINK, "openvex", OPENVEX);

    private AttestationTypes() {
    }

    /**
     * {@return the predicate type a name stands for ({@code slsaprovenance}, {@code slsaprovenance1}, {@code spdxjson},
     * {@code cyclonedx}, {@code vuln}, {@code custom}, …), or the name itself when it is an absolute URI}
     *
     * @param typeOrUri a name or an absolute URI
     * @throws PalisadeException when it is neither a known name nor an absolute URI
     */
    public static String predicateType(String typeOrUri) {
        String known = NAMES.get(typeOrUri);
        if (known != null) {
            return known;
        }
        try {
            URI uri = new URI(typeOrUri);
            if (uri.isAbsolute() && uri.getScheme() != null) {
                return typeOrUri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new PalisadeException("attestation type '" + typeOrUri + "' is not one of "
                + new java.util.TreeSet<>(NAMES.keySet()) + " nor an absolute predicate-type URI");
    }
}
