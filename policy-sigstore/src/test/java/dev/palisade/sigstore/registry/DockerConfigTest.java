package dev.palisade.sigstore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerConfigTest {

    @Test
    void readsAuthUsernamePasswordAndIdentityTokens() {
        DockerConfig config = DockerConfig.parse("""
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "dXNlcjpwYTpzcw=="},
                  "registry.example:5000": {"username": "u2", "password": "p2"},
                  "https://ghcr.io": {"identitytoken": "refresh-me"},
                  "empty.example": {}
                }}""", "config.json");
        assertEquals(Optional.of(RegistryCredentials.basic("user", "pa:ss")), config.credentialsFor("docker.io"));
        assertEquals(Optional.of(RegistryCredentials.basic("u2", "p2")), config.credentialsFor("registry.example:5000"));
        assertEquals(Optional.of("refresh-me"), config.credentialsFor("ghcr.io").orElseThrow().identityToken());
        assertEquals(Optional.empty(), config.credentialsFor("empty.example"));
        assertEquals(Optional.empty(), config.credentialsFor("other.example"));
    }

    @Test
    void credentialHelpersAreNamedInTheMessage() {
        DockerConfig config = DockerConfig.parse("""
                {"auths": {"mine.example": {"auth": "YTpi"}},
                 "credHelpers": {"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"},
                 "credsStore": "desktop"}""", "config.json");
        assertTrue(config.unsupportedHelperFor("123.dkr.ecr.us-east-1.amazonaws.com").orElseThrow()
                .contains("docker-credential-ecr-login"));
        assertTrue(config.unsupportedHelperFor("quay.io").orElseThrow().contains("docker-credential-desktop"));
        assertEquals(Optional.empty(), config.unsupportedHelperFor("mine.example"));
    }

    @Test
    void malformedFilesAreClearErrors() {
        assertThrows(RegistryException.class, () -> DockerConfig.parse("{", "bad.json"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> DockerConfig.parse("{\"auths\":{\"x.io\":{\"auth\":\"bm9jb2xvbg==\"}}}", "c.json"));
        assertTrue(e.getMessage().contains("user:password"), e.getMessage());
    }

    @Test
    void credentialsAreNotPrinted() {
        assertTrue(!RegistryCredentials.basic("u", "secret").toString().contains("secret"));
    }
}
