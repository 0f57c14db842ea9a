package dev.palisade.sigstore.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.ImageAuthority;
import dev.palisade.core.Match;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PalisadePolicyFormat;
import dev.palisade.core.policy.PolicyFormat;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.policy.PolicySpecs;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Severity;
import dev.palisade.sigstore.policy.internal.ImageGlob;
import dev.palisade.sigstore.policy.internal.ImagePolicy;
import dev.palisade.sigstore.verify.Authority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code apiVersion: palisade.dev/v1}, {@code kind: ImagePolicy}: every container image of a
 * pod-carrying resource that one of {@code spec.images} selects must be signed by {@code spec.required}
 * (default 1) of {@code spec.authorities}.
 *
 * <pre>
 * spec:
 *   images: ["registry.example.com/team/**"]   # globs over the normalised reference
 *   authorities:
 *     - name: release-key
 *       key: {file: cosign.pub}                 # or {pem: "-----BEGIN PUBLIC KEY-----..."}
 *     - name: github-actions
 *       keyless:
 *         identityRegexp: https://github.com/example/.*
 *         issuer: https://token.actions.githubusercontent.com
 *   required: 1
 *   attestations:                               # optional: in-toto attestations the image must carry
 *     - name: vulnerability-scan
 *       type: vuln                              # cosign --type names, or a predicate-type URI
 *       authorities: [github-actions]           # optional: which authorities may sign it (default: any)
 *       match: any                              # any (default): one attestation satisfying all conditions; all
 *       conditions:                             # rule-language expressions over predicate, statement, now
 *         - expression: timestamp(predicate.metadata.scanFinishedOn) &gt; now - duration('168h')
 *           message: the scan is older than 7 days
 *   mode: enforce                               # enforce (deny) or warn
 *   match: {...}                                # optional, as in Policy; pod kinds by default
 *   severity: high                              # and title, category, description, remediation, helpUrl, tags
 * </pre>
 *
 * Image patterns: {@code *} matches within one path component, {@code **} across components,
 * {@code ?} one character; a pattern matches the image's {@code registry/repository} or its full
 * normalised form ({@code docker.io/library/nginx:1.27}). Key files are relative to the policy file.
 * Identity and issuer regular expressions are RE2 and anchored (they must match the whole value).
 */
public final class ImagePolicyFormat implements PolicyFormat {
    /** The API version of image policies. */
    public static final String API_VERSION = PalisadePolicyFormat.API_VERSION;
    /** The kind of image policies. */
    public static final String KIND = "ImagePolicy";
    private static final Set<String> SPEC_FIELDS = Set.of("images", "authorities", "required", "attestations", "mode",
            "match", "title", "severity", "category", "description", "remediation", "helpUrl", "tags");
    private static final Set<String> ATTESTATION_FIELDS = Set.of("name", "type", "authorities", "match", "conditions");
    private static final Set<String> CONDITION_FIELDS = Set.of("expression", "message");
    private static final Set<String> AUTHORITY_FIELDS = Set.of("name", "key", "keyless");
    private static final Set<String> KEYLESS_FIELDS = Set.of("identity", "identityRegexp", "issuer", "issuerRegexp");

    @Override
    public String name() {
        return API_VERSION + " " + KIND;
    }

    @Override
    public Set<String> apiGroups() {
        return Set.of(PalisadePolicyFormat.GROUP);
    }

    @Override
    public boolean reads(ResourceId id) {
        return id.apiVersion().equals(API_VERSION) && id.kind().equals(KIND);
    }

    @Override
    public List<Policy> compile(List<Resource> documents, PolicyLoadContext context) {
        return PolicySpecs.compileEach(documents, context, this::compile);
    }

    /**
     * Compiles one ImagePolicy document.
     *
     * @param document the ImagePolicy document
     * @return the policy
     * @throws PalisadeException naming the offending field and its line
     */
    public Policy compile(Resource document) {
        String id = PolicySpecs.requiredId(document, KIND);
        JsonNode spec = PolicySpecs.requiredSpec(document, KIND + " '" + id + "' needs a spec with images and authorities");
        PolicySpecs.requireKnownFields(document, spec, SPEC_FIELDS, "ImagePolicy");
        PolicyMetadata metadata = PolicySpecs.metadata(document, spec, PolicyMetadata.of(id,
                "Images signed as ImagePolicy " + id + " requires", Severity.HIGH)
                .withCategory("supply-chain")
                .withRemediation("Sign the image in CI (cosign sign) with one of the policy's authorities, or"
                        + " reference an image that is signed."));
        Match match = PolicySpecs.at(document, "/spec/match",
                () -> MatchParser.parse(spec.path("match"), "spec.match"));
        if (match.kinds().isEmpty()) {
            match = new Match(PodSpecView.podKinds(), match.namespaces(), match.excludedNamespaces(),
                    match.labelSelector(), match.namespaceSelector(), match.scope(), match.names());
        }
        List<ImageGlob> images = images(spec, document);
        List<ImageAuthority> authorities = authorities(spec, document);
        int required = required(spec, document, authorities.size());
        List<AttestationRequirement> attestations = attestations(spec, document, authorities);
        return new ImagePolicy(metadata, match, Enforcement.of(mode(spec, document)), images, authorities, required,
                attestations);
    }

    private static List<AttestationRequirement> attestations(JsonNode spec, Resource document,
            List<ImageAuthority> authorities) {
        JsonNode list = spec.path("attestations");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new PalisadeException("spec.attestations must be a list", document.locate("/spec/attestations"));
        }
        Set<String> authorityNames = new HashSet<>();
        authorities.forEach(a -> authorityNames.add(a.name()));
        List<AttestationRequirement> requirements = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/spec/attestations/" + i;
            String where = "spec.attestations[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw new PalisadeException(where + " must be a mapping with type and conditions", document.locate(pointer));
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!ATTESTATION_FIELDS.contains(field)) {
                    throw new PalisadeException(where + "." + field + " is not an attestation field; known: "
                            + String.join(", ", new TreeSet<>(ATTESTATION_FIELDS)), document.locate(pointer + "/" + field));
                }
            });
            if (!node.path("type").isTextual()) {
                throw new PalisadeException(where + ".type is required: slsaprovenance, slsaprovenance1, spdxjson,"
                        + " cyclonedx, vuln, custom or a predicate-type URI", document.locate(pointer));
            }
            String type = PolicySpecs.at(document, pointer + "/type",
                    () -> AttestationTypes.predicateType(node.path("type").asText()));
            String name = node.path("name").asText(node.path("type").asText());
            if (!names.add(name)) {
                throw new PalisadeException(where + ".name '" + name + "' is used twice; give each attestation its own"
                        + " name", document.locate(pointer + "/name"));
            }
            List<String> signers = node.has("authorities") ? PolicySpecs.at(document, pointer + "/authorities",
                    () -> MatchParser.strings(node.path("authorities"), where + ".authorities")) : List.of();
            for (int k = 0; k < signers.size(); k++) {
                if (!authorityNames.contains(signers.get(k))) {
                    throw new PalisadeException(where + ".authorities names '" + signers.get(k) + "', which is not in"
                            + " spec.authorities " + new TreeSet<>(authorityNames), document.locate(pointer + "/authorities/" + k));
                }
            }
            String quantifier = node.path("match").asText("any");
            if (!quantifier.equals("any") && !quantifier.equals("all")) {
                throw new PalisadeException(where + ".match must be any (one attestation satisfying the conditions is"
                        + " enough) or all, not '" + quantifier + "'", document.locate(pointer + "/match"));
            }
            requirements.add(new AttestationRequirement(name, type, signers, conditions(node.path("conditions"), where,
                    pointer, document), quantifier.equals("all") ? AttestationRequirement.Quantifier.ALL
                    : AttestationRequirement.Quantifier.ANY));
        }
        return requirements;
    }

    private static List<AttestationCondition> conditions(JsonNode list, String where, String pointer, Resource document) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new PalisadeException(where + ".conditions must be a list of {expression, message}",
                    document.locate(pointer + "/conditions"));
        }
        List<AttestationCondition> conditions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/conditions/" + i;
            String item = where + ".conditions[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject() || !node.path("expression").isTextual()) {
                throw new PalisadeException(item + " needs an expression (and a message)", document.locate(at));
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!CONDITION_FIELDS.contains(field)) {
                    throw new PalisadeException(item + "." + field + " is not a condition field;"
                            + " use expression and message", document.locate(at + "/" + field));
                }
            });
            conditions.add(PolicySpecs.at(document, at + "/expression", () -> AttestationCondition.compile(
                    node.path("expression").asText(), node.path("message").asText(""))));
        }
        return conditions;
    }

    private static List<ImageGlob> images(JsonNode spec, Resource document) {
        List<String> patterns = PolicySpecs.at(document, "/spec/images",
                () -> MatchParser.strings(spec.path("images"), "spec.images"));
        if (patterns.isEmpty()) {
            throw new PalisadeException("spec.images must list at least one image pattern, such as"
                    + " 'registry.example.com/team/**'", document.locate("/spec/images"));
        }
        List<ImageGlob> globs = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            globs.add(PolicySpecs.at(document, "/spec/images/" + globs.size(), () -> ImageGlob.compile(pattern)));
        }
        return globs;
    }

    private static List<ImageAuthority> authorities(JsonNode spec, Resource document) {
        JsonNode list = spec.path("authorities");
        if (!list.isArray() || list.isEmpty()) {
            throw new PalisadeException("spec.authorities must list at least one authority with a key or a keyless"
                    + " identity", document.locate("/spec/authorities"));
        }
        List<ImageAuthority> authorities = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/spec/authorities/" + i;
            String where = "spec.authorities[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw new PalisadeException(where + " must be a mapping", document.locate(pointer));
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!AUTHORITY_FIELDS.contains(field)) {
                    throw new PalisadeException(where + "." + field + " is not an authority field; use name, key or"
                            + " keyless", document.locate(pointer + "/" + field));
                }
            });
            String name = node.path("name").asText("authority-" + (i + 1));
            if (!names.add(name)) {
                throw new PalisadeException(where + ".name '" + name + "' is used twice; authority names must be"
                        + " unique", document.locate(pointer + "/name"));
            }
            boolean key = node.has("key");
            if (key == node.has("keyless")) {
                throw new PalisadeException(where + " needs exactly one of key: {pem | file} or keyless: {identity |"
                        + " identityRegexp, issuer | issuerRegexp}", document.locate(pointer));
            }
            ImageAuthority authority = key ? keyAuthority(name, node.path("key"), where + ".key", pointer + "/key",
                    document) : keylessAuthority(name, node.path("keyless"), where + ".keyless", pointer + "/keyless",
                    document);
            try {
                Authority.of(authority);
            } catch (PalisadeException e) {
                throw new PalisadeException(where + ": " + e.getMessage(), document.locate(pointer), e);
            }
            authorities.add(authority);
        }
        return authorities;
    }

    private static ImageAuthority keyAuthority(String name, JsonNode key, String where, String pointer,
            Resource document) {
        boolean pem = key.hasNonNull("pem");
        if (!key.isObject() || pem == key.hasNonNull("file") || key.size() != 1) {
            throw new PalisadeException(where + " needs exactly one of pem (the PEM public key) or file (a PEM file"
                    + " relative to the policy file)", document.locate(pointer));
        }
        if (pem) {
            return ImageAuthority.key(name, key.path("pem").asText());
        }
        Path file = Path.of(key.path("file").asText());
        if (!file.isAbsolute()) {
            Path policyFile = Path.of(document.source().file());
            Path directory = policyFile.getParent() == null ? Path.of("") : policyFile.getParent();
            file = directory.resolve(file);
        }
        try {
            return ImageAuthority.key(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PalisadeException(where + ".file: cannot read the public key " + file + " (" + e.getMessage()
                    + "); key files are relative to the policy file", document.locate(pointer + "/file"));
        }
    }

    private static ImageAuthority keylessAuthority(String name, JsonNode keyless, String where, String pointer,
            Resource document) {
        if (!keyless.isObject()) {
            throw new PalisadeException(where + " must be a mapping with identity or identityRegexp, and issuer or"
                    + " issuerRegexp", document.locate(pointer));
        }
        keyless.fieldNames().forEachRemaining(field -> {
            if (!KEYLESS_FIELDS.contains(field)) {
                throw new PalisadeException(where + "." + field + " is not a keyless field; known: "
                        + String.join(", ", new TreeSet<>(KEYLESS_FIELDS)), document.locate(pointer + "/" + field));
            }
        });
        return new ImageAuthority(name, "", keyless.path("identity").asText(""),
                keyless.path("identityRegexp").asText(""), keyless.path("issuer").asText(""),
                keyless.path("issuerRegexp").asText(""));
    }

    private static int required(JsonNode spec, Resource document, int authorities) {
        JsonNode node = spec.path("required");
        if (node.isMissingNode()) {
            return 1;
        }
        if (!node.canConvertToExactIntegral() || node.asInt() < 1 || node.asInt() > authorities) {
            throw new PalisadeException("spec.required must be a whole number from 1 to the number of authorities ("
                    + authorities + "), not " + node, document.locate("/spec/required"));
        }
        return node.asInt();
    }

    private static EnforcementAction mode(JsonNode spec, Resource document) {
        String mode = spec.path("mode").asText("enforce");
        return switch (mode) {
            case "enforce" -> EnforcementAction.DENY;
            case "warn" -> EnforcementAction.WARN;
            default -> throw new PalisadeException("spec.mode must be enforce or warn, not '" + mode + "'",
                    document.locate("/spec/mode"));
        };
    }
}
