package dev.palisade.benchmarks.lang;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * The ten ValidatingAdmissionPolicy-style validations of the rule-language benchmark, each as a
 * Palisade expression, the cel-java expression that says the same, and the hand-written Java
 * equivalent over the Jackson tree. {@code object} is the only variable.
 *
 * <p>The two CEL texts are identical except for {@link #RESOURCE_LIMITS}: cel-java does not ship
 * the Kubernetes quantity library, so its variant accepts limits from a list of allowed size
 * strings, which agrees with the quantity comparison on the benchmark's manifests but is not the
 * same check in general (and is cheaper than parsing quantities). (cel-java 0.9.0 also needed the
 * optional index form {@code a[?'b'][?'c']} for {@link #OPTIONAL_SECCOMP}, its runtime wrapping
 * chained {@code .?} selections once per step — cel-java issue 1083; 0.14.0 evaluates the chained
 * form, so both implementations run the same text.)
 */
public enum RuleExpression {
    /** Every container and init container pulls from an allowed registry. */
    IMAGE_ALLOW_LIST(
            "((has(object.spec.template.spec.initContainers) ? object.spec.template.spec.initContainers : [])"
                    + " + object.spec.template.spec.containers)"
                    + ".all(c, c.image.startsWith('registry.example.com/') || c.image.startsWith('gcr.io/distroless/'))",
            HandWrittenRules::imageAllowList),
    /** The workload carries non-empty ownership labels. */
    REQUIRED_LABELS(
            "has(object.metadata.labels) && ['app', 'team', 'cost-center']"
                    + ".all(k, k in object.metadata.labels && object.metadata.labels[k] != '')",
            HandWrittenRules::requiredLabels),
    /** No container is privileged. */
    PRIVILEGED(
            "object.spec.template.spec.containers.all(c, !has(c.securityContext)"
                    + " || !has(c.securityContext.privileged) || !c.securityContext.privileged)",
            HandWrittenRules::notPrivileged),
    /** No hostPath volume. */
    HOST_PATH(
            "!has(object.spec.template.spec.volumes) || object.spec.template.spec.volumes.all(v, !has(v.hostPath))",
            HandWrittenRules::noHostPath),
    /** Every container drops ALL capabilities and adds at most NET_BIND_SERVICE. */
    CAPABILITIES(
            "object.spec.template.spec.containers.all(c, has(c.securityContext)"
                    + " && has(c.securityContext.capabilities) && has(c.securityContext.capabilities.drop)"
                    + " && 'ALL' in c.securityContext.capabilities.drop"
                    + " && (!has(c.securityContext.capabilities.add)"
                    + " || c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE')))",
            HandWrittenRules::capabilities),
    /** Every container sets memory (at most 2Gi) and CPU (below 4 cores) limits. */
    RESOURCE_LIMITS(
            "object.spec.template.spec.containers.all(c, has(c.resources) && has(c.resources.limits)"
                    + " && 'memory' in c.resources.limits && 'cpu' in c.resources.limits"
                    + " && quantity(c.resources.limits.memory).compareTo(quantity('2Gi')) <= 0"
                    + " && quantity(c.resources.limits.cpu).isLessThan(quantity('4')))",
            "object.spec.template.spec.containers.all(c, has(c.resources) && has(c.resources.limits)"
                    + " && 'memory' in c.resources.limits && 'cpu' in c.resources.limits"
                    + " && c.resources.limits.memory in ['64Mi', '128Mi', '256Mi', '512Mi', '1Gi', '2Gi']"
                    + " && c.resources.limits.cpu in ['50m', '100m', '200m', '250m', '500m', '1', '2', '3'])",
            HandWrittenRules::resourceLimits),
    /** Every container runs as non-root, by its own setting or else the pod's. */
    RUN_AS_NON_ROOT(
            "object.spec.template.spec.containers.all(c,"
                    + " has(c.securityContext) && has(c.securityContext.runAsNonRoot)"
                    + " ? c.securityContext.runAsNonRoot"
                    + " : (has(object.spec.template.spec.securityContext)"
                    + " && has(object.spec.template.spec.securityContext.runAsNonRoot)"
                    + " && object.spec.template.spec.securityContext.runAsNonRoot))",
            HandWrittenRules::runAsNonRoot),
    /** Naming and image-reference hygiene: string functions and a regular expression. */
    STRINGS(
            "object.metadata.name.startsWith(object.metadata.labels.app + '-')"
                    + " && object.spec.template.spec.containers.all(c,"
                    + " c.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && c.name.lowerAscii() == c.name"
                    + " && c.image.contains(':') && !c.image.endsWith(':latest')"
                    + " && c.image.split('/')[0].contains('.'))",
            HandWrittenRules::strings),
    /** RuntimeDefault seccomp at pod level, or else on every container, read with optional chaining. */
    OPTIONAL_SECCOMP(
            "object.?spec.?template.?spec.?securityContext.?seccompProfile.?type.orValue('') == 'RuntimeDefault'"
                    + " || object.spec.template.spec.containers"
                    + ".all(c, c.?securityContext.?seccompProfile.?type.orValue('') == 'RuntimeDefault')",
            HandWrittenRules::seccomp),
    /** Exactly one main container, and sidecars pull from the internal registry: filter, map, exists_one. */
    COMPREHENSIONS(
            "object.spec.template.spec.containers.exists_one(c, !c.name.startsWith('sidecar-'))"
                    + " && object.spec.template.spec.containers.filter(c, c.name.startsWith('sidecar-'))"
                    + ".map(c, c.image).all(i, i.startsWith('registry.example.com/'))",
            HandWrittenRules::comprehensions);

    private final String palisade;
    private final String celJava;
    private final Predicate<JsonNode> handWritten;

    RuleExpression(String both, Predicate<JsonNode> handWritten) {
        this(both, both, handWritten);
    }

    RuleExpression(String palisade, String celJava, Predicate<JsonNode> handWritten) {
        this.palisade = palisade;
        this.celJava = celJava;
        this.handWritten = handWritten;
    }

    /** The expression as Palisade compiles it. */
    public String palisadeSource() {
        return palisade;
    }

    /** The expression as cel-java compiles it (differs only where cel-java lacks a library). */
    public String celJavaSource() {
        return celJava;
    }

    /** The hand-written Java check: true when the manifest is admitted. */
    public boolean evaluateHandWritten(JsonNode object) {
        return handWritten.test(object);
    }
}
