package dev.palisade.kyverno.jmespath;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves host names for Kyverno's {@code is_external_url}. The default asks the JVM's resolver
 * (DNS), as Kyverno does; hosts that must stay offline (CI, tests) pass their own.
 */
@FunctionalInterface
public interface HostResolver {
    /** The JVM's resolver. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * The addresses of a host name.
     *
     * @param host a host name or address literal
     * @return its addresses, at least one
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
