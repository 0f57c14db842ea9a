package dev.palisade.lang.internal;

/** A function implementation; arguments (receiver first) are already-evaluated CEL values. */
@FunctionalInterface
interface Fn {
    Object apply(Frame f, Object[] args);
}
