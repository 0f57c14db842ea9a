package dev.palisade.sigstore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --allow-insecure-registry HOST} as every front end reads it: {@link RegistryOptions#insecureRegistry}. */
class InsecureRegistryOptionTest {

    @ParameterizedTest
    @CsvSource({"*, *", "localhost:5000, localhost:5000", "LocalHost:5000, localhost:5000",
            "127.0.0.1:5000, 127.0.0.1:5000", "Registry.Example.COM, registry.example.com", "[::1]:5000, [::1]:5000",
            "index.docker.io, docker.io", "localhost, localhost"})
    void hostsAreNormalisedAsImageReferencesNormaliseRegistries(String written, String normalised) {
        assertEquals(normalised, RegistryOptions.insecureRegistry(written));
        RegistryOptions options = RegistryOptions.defaults().withInsecureRegistries(Set.of(written));
        assertEquals(Set.of(normalised), options.insecureRegistries());
        assertTrue(options.isInsecure(normalised));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://localhost:5000", "localhost:5000/team/app:1", "app@sha256:00", "myregistry",
            "localhost:99999", "bad_host.example:5000"})
    void anythingElseIsRefusedWithTheReason(String value) {
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryOptions.insecureRegistry(value));
        assertTrue(e.getMessage().contains("'" + value + "' is neither"), e.getMessage());
        assertThrows(RegistryException.class, () -> RegistryOptions.defaults().withInsecureRegistries(Set.of(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example.com", "localhost:5001"})
    void onlyTheListedHostIsInsecure(String other) {
        assertFalse(RegistryOptions.defaults().withInsecureRegistries(Set.of("localhost:5000")).isInsecure(other));
    }
}
