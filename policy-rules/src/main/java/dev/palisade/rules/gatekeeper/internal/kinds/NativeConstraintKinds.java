package dev.palisade.rules.gatekeeper.internal.kinds;

import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of native implementations of the Gatekeeper library's constraint kinds, keyed by
 * constraint kind. Used when a loaded ConstraintTemplate has no CEL code (or CEL is disabled).
 * Every implementation is stateless apart from thread-safe caches, so the instances are shared.
 */
public final class NativeConstraintKinds {

    private static final Map<String, ConstraintKind> ALL = index(List.of(
            ImageRuleKind.allowedRepos(),
            ImageRuleKind.allowedReposV2(),
            new AutomountServiceAccountTokenKind(),
            new BlockEndpointEditDefaultRoleKind(),
            BlockServiceTypeKind.loadBalancer(),
            BlockServiceTypeKind.nodePort(),
            new BlockWildcardIngressKind(),
            ResourceMaximumKind.limits(),
            ResourceMaximumKind.requests(),
            new ContainerRatiosKind(),
            new RequiredResourcesKind(),
            new DisallowAnonymousKind(),
            ImageRuleKind.disallowedRepos(),
            new DisallowedTagsKind(),
            new DisallowInteractiveTtyKind(),
            new EphemeralStorageLimitKind(),
            new ExternalIpsKind(),
            new HorizontalPodAutoscalerKind(),
            new HttpsOnlyKind(),
            ImageRuleKind.imageDigests(),
            new NoUpdateServiceAccountKind(),
            new PodDisruptionBudgetKind(),
            new ReplicaLimitsKind(),
            new RequiredAnnotationsKind(),
            new RequiredProbesKind(),
            new StorageClassKind(),
            new UniqueIngressHostKind(),
            new UniqueServiceSelectorKind(),
            new VerifyDeprecatedApiKind(),
            new FlexVolumesKind(),
            new SeLinuxKind(),
            new AllowedUsersKind(),
            new VolumeTypesKind(),
            new RequiredLabelsKind(),
            ContainerCheckKind.allowPrivilegeEscalation(),
            new AppArmorKind(),
            new CapabilitiesKind(),
            new ForbiddenSysctlsKind(),
            new FsGroupKind(),
            new HostFilesystemKind(),
            new HostNamespaceKind(),
            new HostNetworkingPortsKind(),
            ContainerCheckKind.hostProbesLifecycle(),
            new HostProcessKind(),
            ContainerCheckKind.privileged(),
            ContainerCheckKind.procMount(),
            ContainerCheckKind.readOnlyRootFilesystem(),
            new SeccompKind(),
            new SeccompV2Kind()));

    private NativeConstraintKinds() {
    }

    /** Every native kind, keyed by constraint kind (immutable). */
    public static Map<String, ConstraintKind> all() {
        return ALL;
    }

    /** The native implementation of a constraint kind, if there is one. */
    public static Optional<ConstraintKind> find(String kind) {
        return Optional.ofNullable(ALL.get(kind));
    }

    private static Map<String, ConstraintKind> index(List<ConstraintKind> kinds) {
        Map<String, ConstraintKind> byKind = new LinkedHashMap<>();
        for (ConstraintKind kind : kinds) {
            if (byKind.put(kind.kind(), kind) != null) {
                throw new IllegalStateException("two native implementations of " + kind.kind());
            }
        }
        return Collections.unmodifiableMap(byKind);
    }
}
