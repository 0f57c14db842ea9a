package dev.palisade.rules.podsecurity;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.core.Severity;
import dev.palisade.rules.podsecurity.internal.AdmissionPolicy;
import dev.palisade.rules.podsecurity.internal.PodSecurityEvaluator;
import dev.palisade.rules.podsecurity.internal.StandardPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Pod Security Standards as policies, with the exact checks, version behaviour and messages of
 * Kubernetes' Pod Security Admission. Policy versions v1.0 to v1.37 are shipped; {@code latest} and
 * newer versions evaluate as v1.37 while messages print the version as written.
 *
 * <pre>{@code
 * Policy restricted = PodSecurityStandards.policy(Level.RESTRICTED, "v1.25");
 * Policy psa = PodSecurityStandards.admissionPolicy(PsaOptions.defaults());
 * }</pre>
 */
public final class PodSecurityStandards {

    /** Prefix of built-in policy references ({@code builtin:pod-security/restricted:latest}). */
    public static final String BUILTIN_PREFIX = "builtin:";
    /** Id prefix of the level policies ({@code pod-security/restricted:v1.25}). */
    public static final String ID_PREFIX = "pod-security/";
    /** Id of the admission policy. */
    public static final String ADMISSION_POLICY_ID = "pod-security-admission";
    /** Category of every Pod Security policy. */
    public static final String CATEGORY = "Pod Security";

    private static final String HELP_BASE = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";

    private PodSecurityStandards() {
    }

    /**
     * {@return the policy of one level at one version ({@code v1.x} or {@code latest})}
     *
     * @param level baseline or restricted (privileged allows everything)
     * @param version {@code latest} or {@code v1.x}
     * @throws PalisadeException when the version is not {@code latest} or {@code v1.x}
     */
    public static Policy policy(Level level, String version) {
        return policy(new LevelVersion(level, PodSecurityVersion.parse(version)));
    }

    /**
     * {@return the policy of one level at one version}
     *
     * @param levelVersion the level and version
     */
    public static Policy policy(LevelVersion levelVersion) {
        Objects.requireNonNull(levelVersion, "levelVersion");
        Level level = levelVersion.level();
        String id = ID_PREFIX + levelVersion;
        PolicyMetadata metadata = new PolicyMetadata(id, title(level) + " (" + levelVersion.version() + ")",
                severity(level), CATEGORY, description(level), remediation(level),
                HELP_BASE + "#" + level.label(), List.of("pod-security", level.label()));
        return new StandardPolicy(levelVersion, metadata);
    }

    /**
     * Resolves a built-in reference {@code builtin:pod-security/<baseline|restricted>:<vX.Y|latest>}
     * (the {@code builtin:} prefix is optional).
     *
     * @param name the reference
     * @return empty when the name is not a Pod Security reference
     * @throws PalisadeException when it is one but names an unknown level or an invalid version
     */
    public static Optional<Policy> builtin(String name) {
        String bare = name.startsWith(BUILTIN_PREFIX) ? name.substring(BUILTIN_PREFIX.length()) : name;
        if (!bare.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        String spec = bare.substring(ID_PREFIX.length());
        int colon = spec.indexOf(':');
        String levelText = colon < 0 ? spec : spec.substring(0, colon);
        if (!levelText.equals("baseline") && !levelText.equals("restricted")) {
            throw new PalisadeException("unknown built-in policy '" + name + "': the level must be baseline or"
                    + " restricted, as in builtin:pod-security/restricted:latest");
        }
        if (colon < 0) {
            throw new PalisadeException("built-in policy '" + name + "' needs a version: add :latest or :v1.x, as in "
                    + BUILTIN_PREFIX + ID_PREFIX + levelText + ":latest");
        }
        try {
            return Optional.of(policy(Level.parse(levelText), spec.substring(colon + 1)));
        } catch (PalisadeException e) {
            throw new PalisadeException("built-in policy '" + name + "': " + e.getMessage());
        }
    }

    /**
     * Evaluates the pod spec of a Pod or of any controller's pod template at one level and version,
     * as Pod Security Admission does.
     *
     * @param levelVersion the level and version
     * @param resource a Pod, a pod controller or another kind with a pod template
     * @return empty when the resource carries no pod spec
     */
    public static Optional<PodSecurityResult> evaluate(LevelVersion levelVersion, Resource resource) {
        Objects.requireNonNull(levelVersion, "levelVersion");
        return PodSpecView.of(resource).map(pod -> new PodSecurityResult(levelVersion,
                PodSecurityEvaluator.of(levelVersion.level(), levelVersion.version()).evaluate(pod)));
    }

    /**
     * Pod Security Admission as one policy (id {@code pod-security-admission}): reads the
     * {@code pod-security.kubernetes.io/*} labels of each object's Namespace (from the evaluation
     * context's inventory) and reports each failed check with the action of its mode: enforce denies
     * Pods, audit is a dry run, warn warns; controllers get audit and warn only.
     *
     * @param options the defaults and exemptions, as in a {@code PodSecurityConfiguration}
     * @return the policy
     */
    public static Policy admissionPolicy(PsaOptions options) {
        Objects.requireNonNull(options, "options");
        PolicyMetadata metadata = new PolicyMetadata(ADMISSION_POLICY_ID, "Pod Security Admission", Severity.HIGH,
                CATEGORY, "Applies the Pod Security Standards level and version each namespace selects with its"
                        + " pod-security.kubernetes.io/enforce, audit and warn labels, as Kubernetes' Pod Security"
                        + " Admission does.",
                "Change the pod so that it meets the level its namespace enforces (see the finding's check), or"
                        + " run it in a namespace labelled for a less restrictive level.",
                "https://kubernetes.io/docs/concepts/security/pod-security-admission/", List.of("pod-security"));
        return new AdmissionPolicy(metadata, options);
    }

    private static String title(Level level) {
        return switch (level) {
            case PRIVILEGED -> "Pod Security Standards: privileged";
            case BASELINE -> "Pod Security Standards: baseline";
            case RESTRICTED -> "Pod Security Standards: restricted";
        };
    }

    private static Severity severity(Level level) {
        return switch (level) {
            case PRIVILEGED -> Severity.INFO;
            case BASELINE -> Severity.HIGH;
            case RESTRICTED -> Severity.MEDIUM;
        };
    }

    private static String description(Level level) {
        return switch (level) {
            case PRIVILEGED -> "Unrestricted: no checks.";
            case BASELINE -> "Prevents known privilege escalations: host namespaces, ports, paths and probes,"
                    + " privileged containers, extra capabilities, unsafe sysctls, SELinux, AppArmor, seccomp,"
                    + " procMount and Windows host processes.";
            case RESTRICTED -> "Pod hardening best practice on top of baseline: no privilege escalation, all"
                    + " capabilities dropped, non-root users, a seccomp profile and only safe volume types.";
        };
    }

    private static String remediation(Level level) {
        return switch (level) {
            case PRIVILEGED -> "";
            case BASELINE -> "Remove the host access or privilege the message names (hostNetwork/hostPID/hostIPC,"
                    + " hostPath volumes, hostPort, privileged, added capabilities, unsafe sysctls, custom"
                    + " SELinux/AppArmor/seccomp/procMount settings). See docs/rules/pod-security-baseline.md.";
            case RESTRICTED -> "Set in each container's securityContext: allowPrivilegeEscalation: false,"
                    + " capabilities.drop: [\"ALL\"], runAsNonRoot: true, a non-zero runAsUser and"
                    + " seccompProfile.type: RuntimeDefault; use only configMap, csi, downwardAPI, emptyDir,"
                    + " ephemeral, image, persistentVolumeClaim, projected and secret volumes. See"
                    + " docs/rules/pod-security-restricted.md.";
        };
    }
}
