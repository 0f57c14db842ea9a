package dev.palisade.kyverno.variables;

/**
 * A context entry loaded on first use ({@code apiCall}, {@code configMap}, {@code images}): run the
 * first time a query mentions its name, as Kyverno's deferred loading does.
 */
@FunctionalInterface
public interface DeferredLoader {
    /**
     * Loads the entry into the context (for example with {@link JsonContext#replaceContextEntry}).
     *
     * @param context the context to load the entry into
     * @throws RuntimeException when loading fails; the query that triggered it fails too
     */
    void load(JsonContext context);
}
