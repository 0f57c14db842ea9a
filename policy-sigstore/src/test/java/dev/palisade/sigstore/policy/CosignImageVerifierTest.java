package dev.palisade.sigstore.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import dev.palisade.sigstore.verify.SignedImage;
import dev.palisade.sigstore.verify.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CosignImageVerifier} against a real registry holding images signed in the test and the shared fixtures. */
class CosignImageVerifierTest {
    @TempDir
    static Path directory;
    private static LocalRegistry registry;
    private static RegistryClient client;
    private static KeyPair key;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start("", directory);
        client = RegistryClient.create(registry.options());
        key = SignedImages.newKey();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageReference push(String repositoryAndTag) throws Exception {
        ImageReference reference = ImageReference.parse(registry.host() + "/" + repositoryAndTag);
        Digest digest = TestImages.pushImage(client, reference, true).digest();
        return reference.withDigest(digest);
    }

    private static CosignImageVerifier keyVerifier(Clock clock) {
        return CosignImageVerifier.builder(client, TrustedRoot.empty()).tlogRequired(false)
                .clock(clock).build();
    }

    @Test
    void acceptsAnImageSignedWithTheKeyByTagAndByDigest() throws Exception {
        ImageReference image = push("team/signed:1.0");
        SignedImages.sign(client, image, image.digest().orElseThrow(), key.getPrivate());
        CosignImageVerifier verifier = keyVerifier(Clock.systemUTC());
        List<ImageAuthority> ci = List.of(ImageAuthority.key("ci", SignedImages.publicPem(key)));

        ImageVerification byTag = verifier.verify(registry.host() + "/team/signed:1.0", new ImageVerificationPolicy(ci, 1));
        assertTrue(byTag.verified(), byTag.reasons().toString());
        assertEquals(image.digest().orElseThrow().toString(), byTag.digest());
        assertEquals(List.of("ci"), byTag.matchedAuthorities());

        ImageVerification byDigest = verifier.verify(image.name() + "@" + image.digest().orElseThrow(), new ImageVerificationPolicy(ci, 1));
        assertTrue(byDigest.verified());
    }

    @Test
    void rejectsAnotherKeyAndAnUnsignedImageWithReasons() throws Exception {
        ImageReference image = push("team/other:1.0");
        SignedImages.sign(client, image, image.digest().orElseThrow(), key.getPrivate());
        KeyPair stranger = SignedImages.newKey();
        CosignImageVerifier verifier = keyVerifier(Clock.systemUTC());

        ImageVerification wrongKey = verifier.verify(image.toString(), new ImageVerificationPolicy(List.of(ImageAuthority.key("stranger", SignedImages.publicPem(stranger))), 1));
        assertFalse(wrongKey.verified());
        assertTrue(wrongKey.reasons().stream().anyMatch(r -> r.contains("stranger") && r.contains("SIGNATURE")),
                wrongKey.reasons().toString());

        ImageReference unsigned = push("team/unsigned:1.0");
        ImageVerification none = verifier.verify(unsigned.toString(), new ImageVerificationPolicy(List.of(ImageAuthority.key("ci", SignedImages.publicPem(key))), 1));
        assertFalse(none.verified());
        assertTrue(none.reasons().get(0).contains("no cosign signature found"), none.reasons().toString());
        assertEquals(unsigned.digest().orElseThrow().toString(), none.digest());
    }

    @Test
    void requiresTheGivenNumberOfAuthorities() throws Exception {
        ImageReference image = push("team/two:1.0");
        SignedImages.sign(client, image, image.digest().orElseThrow(), key.getPrivate());
        CosignImageVerifier verifier = keyVerifier(Clock.systemUTC());
        List<ImageAuthority> both = List.of(ImageAuthority.key("ci", SignedImages.publicPem(key)),
                ImageAuthority.key("security", SignedImages.publicPem(SignedImages.newKey())));

        assertTrue(verifier.verify(image.toString(), new ImageVerificationPolicy(both, 1)).verified());
        ImageVerification two = verifier.verify(image.toString(), new ImageVerificationPolicy(both, 2));
        assertFalse(two.verified());
        assertEquals(List.of("ci"), two.matchedAuthorities());
        assertTrue(two.reasons().get(0).contains("only 1 of the 2"), two.reasons().toString());
    }

    @Test
    void oneVerifierServesManyThreads() throws Exception {
        ImageReference signed = push("team/shared:1.0");
        SignedImages.sign(client, signed, signed.digest().orElseThrow(), key.getPrivate());
        ImageReference unsigned = push("team/shared-unsigned:1.0");
        CosignImageVerifier verifier = keyVerifier(Clock.systemUTC());
        List<ImageAuthority> ci = List.of(ImageAuthority.key("ci", SignedImages.publicPem(key)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ImageReference image = i % 2 == 0 ? signed : unsigned;
                results.add(pool.submit(() -> verifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1), Instant.now().plusSeconds(20)).verified()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i % 2 == 0, results.get(i).get(), "verification " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, verifier.cachedResults());
    }

    @Test
    void concurrentRequestsForOneImageShareOneFetch() throws Exception {
        ImageReference image = push("team/burst:1.0");
        SignedImages.sign(client, image, image.digest().orElseThrow(), key.getPrivate());
        SignatureSource registrySource = SignatureSource.registry(client);
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        SignatureSource counting = new SignatureSource() {
            @Override
            public Digest resolve(ImageReference reference) {
                return registrySource.resolve(reference);
            }

            @Override
            public SignedImage signatures(ImageReference reference, Digest digest) {
                fetches.incrementAndGet();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return registrySource.signatures(reference, digest);
            }
        };
        CosignImageVerifier verifier = CosignImageVerifier.builder(counting, TrustedRoot.empty())
                .tlogRequired(false).build();
        List<ImageAuthority> ci = List.of(ImageAuthority.key("ci", SignedImages.publicPem(key)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> verifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1)).verified()));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get(), "one fetch served every concurrent request");
    }

    @Test
    void cachesResultsUntilTheirTimeToLive() throws Exception {
        ImageReference image = push("team/later:1.0");
        MutableClock clock = new MutableClock(Instant.now());
        CosignImageVerifier verifier = keyVerifier(clock);
        List<ImageAuthority> ci = List.of(ImageAuthority.key("ci", SignedImages.publicPem(key)));

        assertFalse(verifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1)).verified());
        assertEquals(1, verifier.cachedResults());
        SignedImages.sign(client, image, image.digest().orElseThrow(), key.getPrivate());
        assertFalse(verifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1)).verified(), "the cached result is reused");

        clock.advance(Duration.ofMinutes(6));
        assertTrue(verifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1)).verified(), "an expired result is computed again");
    }

    @Test
    void failsClosedPastTheDeadline() throws Exception {
        ImageReference image = push("team/slow:1.0");
        SignedImages.sign(client, image, image.digest().orElseThrow(), key.getPrivate());
        List<ImageAuthority> ci = List.of(ImageAuthority.key("ci", SignedImages.publicPem(key)));

        Instant now = Instant.now();
        CosignImageVerifier fixed = keyVerifier(Clock.fixed(now, ZoneOffset.UTC));
        ImageVerification late = fixed.verify(image.toString(), new ImageVerificationPolicy(ci, 1), now.minusMillis(1));
        assertFalse(late.verified());
        assertTrue(late.reasons().get(0).contains("deadline"), late.reasons().toString());
        assertEquals(0, fixed.cachedResults(), "nothing was verified");

        SignatureSource registrySource = SignatureSource.registry(client);
        SignatureSource slow = new SignatureSource() {
            @Override
            public Digest resolve(ImageReference reference) {
                return registrySource.resolve(reference);
            }

            @Override
            public SignedImage signatures(ImageReference reference, Digest digest) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return registrySource.signatures(reference, digest);
            }
        };
        CosignImageVerifier slowVerifier = CosignImageVerifier.builder(slow, TrustedRoot.empty())
                .tlogRequired(false).maxConcurrentFetches(1).build();
        long start = System.nanoTime();
        ImageVerification timedOut = slowVerifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1), Instant.now().plusMillis(200));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(timedOut.verified());
        assertTrue(timedOut.reasons().get(0).contains("did not finish within the evaluation deadline"),
                timedOut.reasons().toString());
        assertTrue(elapsedMillis < 1200, "returned after " + elapsedMillis + " ms");
        ImageVerification busy = slowVerifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1), Instant.now().plusSeconds(5));
        assertFalse(busy.verified(), "the only worker is still busy with the first verification");
        assertTrue(busy.reasons().get(0).contains("already in progress"), busy.reasons().toString());
        assertTrue(slowVerifier.verify(image.toString(), new ImageVerificationPolicy(ci, 1)).verified(), "without a deadline it verifies");
    }

    @Test
    void refusesToVerifyWithoutTheTrustItNeeds() {
        CosignImageVerifier untrusted = CosignImageVerifier.builder(client, TrustedRoot.empty())
                .build();
        PalisadeException noRekor = assertThrows(PalisadeException.class, () -> untrusted.verify(registry.host()
                + "/team/x:1", new ImageVerificationPolicy(List.of(ImageAuthority.key("ci", SignedImages.publicPem(key))), 1)));
        assertTrue(noRekor.getMessage().contains("--insecure-ignore-tlog"), noRekor.getMessage());
        PalisadeException noFulcio = assertThrows(PalisadeException.class, () -> keyVerifier(Clock.systemUTC())
                .verify(registry.host() + "/team/x:1", new ImageVerificationPolicy(List.of(ImageAuthority.keyless("gha", "a", "b")), 1)));
        assertTrue(noFulcio.getMessage().contains("--trusted-root"), noFulcio.getMessage());
    }

    @Test
    void reportsAnInvalidReferenceAndAMissingImage() {
        CosignImageVerifier verifier = keyVerifier(Clock.systemUTC());
        List<ImageAuthority> ci = List.of(ImageAuthority.key("ci", SignedImages.publicPem(key)));
        ImageVerification invalid = verifier.verify("Not A Reference!", new ImageVerificationPolicy(ci, 1));
        assertFalse(invalid.verified());
        assertTrue(invalid.reasons().get(0).contains("not a valid image reference"), invalid.reasons().toString());

        ImageVerification missing = verifier.verify(registry.host() + "/team/absent:1", new ImageVerificationPolicy(ci, 1));
        assertFalse(missing.verified());
        assertTrue(missing.reasons().get(0).startsWith("cannot resolve"), missing.reasons().toString());
    }

    @Test
    void verifiesTheSharedLegacyFixturesAndTheCosignV3Bundle() throws Exception {
        Path fixtures = SignedImages.sigstoreFixtures();
        TrustedRoot publicGood = TrustedRoot.read(fixtures.resolve(
                "trusted-roots/public-good.sigstore-java.trusted_root.json"));
        ImageReference repository = ImageReference.parse(registry.host() + "/fixtures/app");
        CosignImageVerifier verifier = CosignImageVerifier.builder(client, publicGood).build();

        Path keyWithRekor = fixtures.resolve("legacy-cosign/key-with-rekor");
        Digest keyed = SignedImages.pushLegacyFixture(client, repository, keyWithRekor);
        List<ImageAuthority> cosignKey = List.of(ImageAuthority.key("cosign2",
                Files.readString(keyWithRekor.resolve("cosign2.pub.pem"))));
        ImageVerification keyResult = verifier.verify(repository.name() + "@" + keyed, new ImageVerificationPolicy(cosignKey, 1));
        assertTrue(keyResult.verified(), keyResult.reasons().toString());

        Digest keyless = SignedImages.pushLegacyFixture(client, repository,
                fixtures.resolve("legacy-cosign/keyless-fulcio-rekor"));
        String keylessImage = repository.name() + "@" + keyless;
        ImageVerification mitr = verifier.verify(keylessImage, new ImageVerificationPolicy(List.of(ImageAuthority.keyless("mitr",
                "mitr@redhat.com", "https://github.com/login/oauth")), 1));
        assertTrue(mitr.verified(), mitr.reasons().toString());
        ImageVerification someoneElse = verifier.verify(keylessImage, new ImageVerificationPolicy(List.of(ImageAuthority.keyless("someone",
                "someone@example.com", "https://github.com/login/oauth")), 1));
        assertFalse(someoneElse.verified());
        assertTrue(someoneElse.reasons().stream().anyMatch(r -> r.contains("IDENTITY")), someoneElse.reasons()
                .toString());
        ImageVerification wrongIssuer = verifier.verify(keylessImage, new ImageVerificationPolicy(List.of(new ImageAuthority("regexp", "",
                "", "mitr@.*", "", "https://accounts\\.google\\.com")), 1));
        assertFalse(wrongIssuer.verified());
        assertTrue(wrongIssuer.reasons().stream().anyMatch(r -> r.contains("ISSUER")), wrongIssuer.reasons()
                .toString());

        Digest subject = Digest.parse("sha256:c811d58de79c92f03214e63aa339484e488d694ae8a6283b5f3f17a9faf50172");
        SignedImages.pushBundle(client, repository, subject, Files.readAllBytes(fixtures.resolve(
                "bundles/cosign-v3-image-signature/bundle.sigstore.json")));
        ImageVerification v3 = verifier.verify(repository.name() + "@" + subject, new ImageVerificationPolicy(List.of(new ImageAuthority(
                "kubewarden", "", "", "https://github.com/kubewarden/kubewarden-controller/.*", "",
                "https://token\\.actions\\.githubusercontent\\.com")), 1));
        assertTrue(v3.verified(), v3.reasons().toString());
        assertEquals(List.of("kubewarden"), v3.matchedAuthorities());
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
