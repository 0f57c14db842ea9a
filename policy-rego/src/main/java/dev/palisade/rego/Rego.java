package dev.palisade.rego;

/**
 * Entry point: {@code Rego.compiler().module(RegoSource.of("policy.rego", text)).compile()} gives a
 * {@link RegoProgram}; prepare queries or rules on it once and evaluate them many times.
 */
public final class Rego {
    private Rego() {
    }

    /**
     * {@return a new compiler (a builder; not thread-safe, not reusable after {@link RegoCompiler#compile()})}
     */
    public static RegoCompiler compiler() {
        return new RegoCompiler();
    }
}
