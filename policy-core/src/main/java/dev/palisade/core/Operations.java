package dev.palisade.core;

import java.util.Locale;
import java.util.Set;

/** The admission operations, and the sets of them policies declare in {@link Policy#operations()}. */
public final class Operations {
    /** A new object. */
    public static final String CREATE = "CREATE";
    /** A changed object; the request carries the old one. */
    public static final String UPDATE = "UPDATE";
    /** A deleted object; the request carries it as the old object. */
    public static final String DELETE = "DELETE";
    /** A connection to a subresource ({@code pods/exec}, {@code pods/portforward}, ...). */
    public static final String CONNECT = "CONNECT";
    /** CREATE and UPDATE: what validation policies judge unless they say otherwise. */
    public static final Set<String> CREATE_UPDATE = Set.of(CREATE, UPDATE);
    /** Every operation. */
    public static final Set<String> ALL = Set.of(CREATE, UPDATE, DELETE, CONNECT);

    private Operations() {
    }

    /**
     * Reads a list of operations as Kubernetes writes them ({@code CREATE}, {@code UPDATE},
     * {@code DELETE}, {@code CONNECT}, or {@code *} for all), in any case.
     *
     * @param names the operations
     * @return the operations, upper case
     * @throws PalisadeException for an unknown operation
     */
    public static Set<String> parse(Iterable<String> names) {
        java.util.Set<String> set = new java.util.TreeSet<>();
        for (String name : names) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            if (upper.equals("*")) {
                return ALL;
            }
            if (!ALL.contains(upper)) {
                throw new PalisadeException("unknown operation '" + name + "'; use CREATE, UPDATE, DELETE, CONNECT or *");
            }
            set.add(upper);
        }
        return Set.copyOf(set);
    }
}
