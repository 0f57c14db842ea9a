package dev.palisade.rules.podsecurity.internal;

import static dev.palisade.rules.podsecurity.Level.BASELINE;
import static dev.palisade.rules.podsecurity.Level.RESTRICTED;

import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.internal.CheckDefinition.Implementation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every check of the Pod Security Standards, with the version ranges of its implementations and the
 * baseline checks each restricted implementation overrides. Mirrors the upstream registry.
 */
final class CheckRegistry {

    private static final List<String> SYSCTLS_1_0 = List.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range");
    private static final List<String> SYSCTLS_1_27 = List.of("net.ipv4.ip_local_reserved_ports");
    private static final List<String> SYSCTLS_1_29 = List.of("net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final List<String> SYSCTLS_1_32 = List.of("net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
    private static final List<String> SYSCTLS_1_37 = List.of("net.ipv4.tcp_slow_start_after_idle",
            "net.ipv4.tcp_notsent_lowat");

    /** Baseline checks sorted by id, then restricted checks sorted by id: the upstream check order. */
    static final List<CheckDefinition> CHECKS = ordered(List.of(
            check("appArmorProfile", BASELINE, at(0, SecurityContextChecks::appArmorProfile)),
            check("capabilities_baseline", BASELINE, at(0, SecurityContextChecks::capabilitiesBaseline)),
            check("hostNamespaces", BASELINE, at(0, HostChecks::hostNamespaces)),
            check("hostPathVolumes", BASELINE, at(0, HostChecks::hostPathVolumes)),
            check("hostPorts", BASELINE, at(0, HostChecks::hostPorts)),
            check("hostProbesAndHostLifecycle", BASELINE, at(34, HostChecks::hostProbesAndHostLifecycle)),
            check("privileged", BASELINE, at(0, SecurityContextChecks::privileged)),
            check("procMount", BASELINE, at(0, SecurityContextChecks::procMountStrict),
                    at(35, SecurityContextChecks::procMountUserNamespaceAware)),
            check("seLinuxOptions", BASELINE, at(0, SecurityContextChecks::seLinuxOptions1_0),
                    at(31, SecurityContextChecks::seLinuxOptions1_31)),
            check("seccompProfile_baseline", BASELINE, at(0, SeccompChecks::baselineAnnotations),
                    at(19, SeccompChecks::baselineFields)),
            check("sysctls", BASELINE, at(0, HostChecks.sysctls(sysctlsUpTo(0))),
                    at(27, HostChecks.sysctls(sysctlsUpTo(27))), at(29, HostChecks.sysctls(sysctlsUpTo(29))),
                    at(32, HostChecks.sysctls(sysctlsUpTo(32))), at(37, HostChecks.sysctls(sysctlsUpTo(37)))),
            check("windowsHostProcess", BASELINE, at(0, SecurityContextChecks::windowsHostProcess)),
            check("allowPrivilegeEscalation", RESTRICTED, at(8, RestrictedChecks::allowPrivilegeEscalation),
                    at(25, RestrictedChecks::allowPrivilegeEscalationWindowsExempt)),
            check("capabilities_restricted", RESTRICTED,
                    overriding(22, RestrictedChecks::capabilitiesRestricted, "capabilities_baseline"),
                    overriding(25, RestrictedChecks::capabilitiesRestrictedWindowsExempt, "capabilities_baseline")),
            check("procMount_restricted", RESTRICTED,
                    overriding(35, SecurityContextChecks::procMountStrict, "procMount")),
            check("restrictedVolumes", RESTRICTED,
                    overriding(0, RestrictedChecks::restrictedVolumes, "hostPathVolumes")),
            check("runAsNonRoot", RESTRICTED, at(0, RestrictedChecks::runAsNonRoot),
                    at(35, RestrictedChecks::runAsNonRootUserNamespaceAware)),
            check("runAsUser", RESTRICTED, at(23, RestrictedChecks::runAsUser),
                    at(35, RestrictedChecks::runAsUserUserNamespaceAware)),
            check("seccompProfile_restricted", RESTRICTED,
                    overriding(19, SeccompChecks::restricted, "seccompProfile_baseline"),
                    overriding(25, SeccompChecks::restrictedWindowsExempt, "seccompProfile_baseline"))));

    private CheckRegistry() {
    }

    /** The sysctl allow-list in force at v1.minor. */
    static Set<String> sysctlsUpTo(int minor) {
        Set<String> allowed = new LinkedHashSet<>(SYSCTLS_1_0);
        if (minor >= 27) {
            allowed.addAll(SYSCTLS_1_27);
        }
        if (minor >= 29) {
            allowed.addAll(SYSCTLS_1_29);
        }
        if (minor >= 32) {
            allowed.addAll(SYSCTLS_1_32);
        }
        if (minor >= 37) {
            allowed.addAll(SYSCTLS_1_37);
        }
        return Set.copyOf(allowed);
    }

    private static CheckDefinition check(String id, Level level, Implementation... implementations) {
        return new CheckDefinition(id, level, List.of(implementations));
    }

    private static Implementation at(int minor, PodCheck check) {
        return new Implementation(minor, check, List.of());
    }

    private static Implementation overriding(int minor, PodCheck check, String baselineId) {
        return new Implementation(minor, check, List.of(baselineId));
    }

    private static List<CheckDefinition> ordered(List<CheckDefinition> checks) {
        List<CheckDefinition> sorted = new ArrayList<>(checks);
        sorted.sort(Comparator.comparing((CheckDefinition c) -> c.level() == RESTRICTED)
                .thenComparing(CheckDefinition::id));
        return List.copyOf(sorted);
    }
}
