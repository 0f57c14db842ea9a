package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ImageAuthority;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mapping core image authorities and building policies. */
class AuthorityTest {

    @Test
    void keyAuthorityFromCore() {
        var key = TestPki.ec();
        Authority authority = Authority.of(ImageAuthority.key("ci", TestPki.pem(key.getPublic())));
        Authority.Key parsed = assertInstanceOf(Authority.Key.class, authority);
        assertEquals(key.getPublic(), parsed.publicKey());
        assertEquals("ci", parsed.name());
    }

    @Test
    void keylessAuthorityFromCoreUsesRegexpsWhenGiven() {
        Authority.Keyless keyless = assertInstanceOf(Authority.Keyless.class, Authority.of(new ImageAuthority("gh", "", "",
                "https://github\\.com/org/.*", TestPki.ISSUER, "")));
        assertTrue(keyless.identity().isRegexp());
        assertTrue(keyless.identity().matches("https://github.com/org/app"));
        assertFalse(keyless.issuer().isRegexp());
        assertTrue(keyless.issuer().matches(TestPki.ISSUER));
    }

    @Test
    void incompleteOrAmbiguousAuthoritiesAreConfigurationErrors() {
        assertThrows(SignatureVerificationException.class, () -> Authority.of(new ImageAuthority("x", "", "id", "", "", "")));
        assertThrows(SignatureVerificationException.class, () -> Authority.of(new ImageAuthority("x", "", "id", "i.*", "iss", "")));
        SignatureVerificationException bad = assertThrows(SignatureVerificationException.class,
                () -> Authority.of(ImageAuthority.key("broken", "not a key")));
        assertTrue(bad.getMessage().contains("broken"), bad.getMessage());
    }

    @Test
    void policyValidatesItsCounts() {
        Authority any = new Authority.Keyless("a", StringMatcher.regexp(".*"), StringMatcher.regexp(".*"));
        assertThrows(SignatureVerificationException.class, () -> VerificationPolicy.anyOf(List.of()));
        assertThrows(SignatureVerificationException.class, () -> VerificationPolicy.anyOf(any).withRequired(2));
        assertThrows(SignatureVerificationException.class, () -> VerificationPolicy.anyOf(any, any));
        VerificationPolicy policy = VerificationPolicy.anyOf(any);
        assertTrue(policy.tlogRequired());
        assertTrue(policy.sctRequired());
        assertEquals(DockerReferenceMode.NONE, policy.dockerReference());
    }

    @Test
    void trustedRootRejectsOtherDocuments() {
        SignatureVerificationException error = assertThrows(SignatureVerificationException.class,
                () -> TrustedRoot.parse("{\"mediaType\":\"application/json\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "root.json"));
        assertTrue(error.getMessage().startsWith("root.json:"), error.getMessage());
        assertThrows(SignatureVerificationException.class,
                () -> TrustedRoot.parse("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), "root.json"));
    }
}
