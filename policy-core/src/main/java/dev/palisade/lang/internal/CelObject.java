package dev.palisade.lang.internal;

/** A library value (quantity, IP, CIDR, URL, semver, format) with its CEL type name. */
public interface CelObject {
    /** The CEL type name, e.g. {@code net.IP}. */
    String typeName();

    /** The size the cost model counts for the value (the length of its text where work depends on it). */
    default long costSize() {
        return 1;
    }
}
