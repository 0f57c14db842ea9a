package dev.palisade.rules.podsecurity.internal;

import static dev.palisade.rules.podsecurity.internal.Fields.fail;
import static dev.palisade.rules.podsecurity.internal.Fields.isSet;
import static dev.palisade.rules.podsecurity.internal.Fields.isTrue;
import static dev.palisade.rules.podsecurity.internal.Fields.text;
import static dev.palisade.rules.podsecurity.internal.Text.containers;
import static dev.palisade.rules.podsecurity.internal.Text.plural;
import static dev.palisade.rules.podsecurity.internal.Text.quoteAll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Baseline checks on the host's namespaces, ports, probes, paths and kernel parameters. */
final class HostChecks {

    private static final String[] HOST_NAMESPACES = {"hostNetwork", "hostPID", "hostIPC"};
    private static final String[] HANDLERS = {"/livenessProbe", "/readinessProbe", "/startupProbe",
        "/lifecycle/postStart", "/lifecycle/preStop"};
    private static final String[] HANDLER_ACTIONS = {"httpGet", "tcpSocket"};

    private HostChecks() {
    }

    /** {@code hostNamespaces} v1.0. */
    static Optional<CheckFailure> hostNamespaces(PodSpecView pod) {
        List<String> set = new ArrayList<>(3);
        String path = "";
        for (String field : HOST_NAMESPACES) {
            if (isTrue(pod.spec().path(field))) {
                set.add(field + "=true");
                path = path.isEmpty() ? pod.pathOf(field) : path;
            }
        }
        return set.isEmpty() ? Optional.empty() : fail("host namespaces", String.join(", ", set), path);
    }

    /** {@code hostPathVolumes} v1.0. */
    static Optional<CheckFailure> hostPathVolumes(PodSpecView pod) {
        JsonNode volumes = pod.spec().path("volumes");
        List<String> names = new ArrayList<>();
        String path = "";
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            if (isSet(volume.path("hostPath"))) {
                names.add(text(volume.path("name")));
                path = path.isEmpty() ? pod.pathOf("volumes/" + i + "/hostPath") : path;
            }
        }
        return names.isEmpty() ? Optional.empty()
                : fail("hostPath volumes", plural("volume", "volumes", names.size()) + " " + quoteAll(names), path);
    }

    /** {@code hostPorts} v1.0. */
    static Optional<CheckFailure> hostPorts(PodSpecView pod) {
        List<String> bad = new ArrayList<>();
        Set<String> ports = new TreeSet<>();
        String path = "";
        for (ContainerView container : pod.containers()) {
            JsonNode list = container.node().path("ports");
            boolean uses = false;
            for (int i = 0; i < list.size(); i++) {
                JsonNode hostPort = list.get(i).path("hostPort");
                String port = text(hostPort);
                boolean nonZero = hostPort.isNumber() ? hostPort.asLong() != 0 : !port.isEmpty() && !port.equals("0");
                if (nonZero) {
                    uses = true;
                    ports.add(port);
                    path = path.isEmpty() ? container.pathOf("ports/" + i + "/hostPort") : path;
                }
            }
            if (uses) {
                bad.add(container.name());
            }
        }
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        return fail("hostPort", containers(bad) + " " + plural("uses", "use", bad.size()) + " "
                + plural("hostPort", "hostPorts", ports.size()) + " " + String.join(", ", ports), path);
    }

    /** {@code hostProbesAndHostLifecycle} v1.34. */
    static Optional<CheckFailure> hostProbesAndHostLifecycle(PodSpecView pod) {
        Set<String> names = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        String path = "";
        for (ContainerView container : pod.containers()) {
            for (String handler : HANDLERS) {
                JsonNode node = container.node().at(handler);
                for (String action : HANDLER_ACTIONS) {
                    String host = text(node.path(action).path("host"));
                    if (!host.isEmpty()) {
                        names.add(container.name());
                        hosts.add(host);
                        path = path.isEmpty() ? container.path() + handler + "/" + action + "/host" : path;
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return fail("probe or lifecycle host", plural("container", "containers", names.size()) + " "
                + quoteAll(names) + " " + plural("uses", "use", names.size()) + " "
                + plural("probe or lifecycle host", "probe or lifecycle hosts", hosts.size()) + " "
                + quoteAll(hosts), path);
    }

    /** {@code sysctls} at one version: names outside the allow-list, in pod order, duplicates kept. */
    static PodCheck sysctls(Set<String> allowed) {
        Set<String> allowList = Set.copyOf(allowed);
        return pod -> {
            JsonNode sysctls = pod.securityContext().path("sysctls");
            List<String> bad = new ArrayList<>();
            String path = "";
            for (int i = 0; i < sysctls.size(); i++) {
                String name = text(sysctls.get(i).path("name"));
                if (!allowList.contains(name)) {
                    bad.add(name);
                    path = path.isEmpty() ? pod.pathOf("securityContext/sysctls/" + i + "/name") : path;
                }
            }
            return bad.isEmpty() ? Optional.empty() : fail("forbidden sysctls", String.join(", ", bad), path);
        };
    }
}
