package dev.palisade.core;

/** The three lists of containers in a pod spec, in the order Kubernetes visits them. */
public enum ContainerType {
    INIT("initContainers"), REGULAR("containers"), EPHEMERAL("ephemeralContainers");

    private final String field;

    ContainerType(String field) {
        this.field = field;
    }

    /** {@return the pod spec field that holds this list} */
    public String field() {
        return field;
    }
}
