package dev.palisade.core;

/** The three lists of containers in a pod spec, in the order Kubernetes visits them. */
public enum ContainerType {
    /** {@code initContainers}: run to completion, one after another, before the others start. */
    INIT("initContainers"),
    /** {@code containers}: the pod's workload. */
    REGULAR("containers"),
    /** {@code ephemeralContainers}: added to a running pod for debugging. */
    EPHEMERAL("ephemeralContainers");

    private final String field;

    ContainerType(String field) {
        this.field = field;
    }

    /** {@return the pod spec field that holds this list} */
    public String field() {
        return field;
    }
}
