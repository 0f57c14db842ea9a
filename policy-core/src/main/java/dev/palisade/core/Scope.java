package dev.palisade.core;

/** Gatekeeper's {@code match.scope}: which objects by whether they carry a namespace. */
public enum Scope {
    /** Every object. */
    ANY,
    /** Namespace objects and objects without {@code metadata.namespace}. */
    CLUSTER,
    /** Objects with {@code metadata.namespace}, except Namespace objects. */
    NAMESPACED;

    /**
     * Parses {@code *}, {@code Cluster}, {@code Namespaced}; other values match everything, as in Gatekeeper.
     *
     * @param text the scope's name
     * @return the scope
     */
    public static Scope parse(String text) {
        return switch (text) {
            case "Cluster" -> CLUSTER;
            case "Namespaced" -> NAMESPACED;
            default -> ANY;
        };
    }
}
