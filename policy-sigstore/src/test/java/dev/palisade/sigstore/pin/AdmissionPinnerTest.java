package dev.palisade.sigstore.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Resource;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.CosignImageVerifier;
import dev.palisade.sigstore.policy.SignedImages;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import dev.palisade.sigstore.verify.TrustedRoot;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AdmissionPinner} against a real registry: patches, lockfile semantics, deadlines, failure policies, verified digests. */
class AdmissionPinnerTest {
    @TempDir
    static Path directory;
    private static LocalRegistry registry;
    private static RegistryClient client;
    private static ImageReference app;
    private static ImageReference sidecar;
    private static KeyPair key;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start("", directory);
        client = RegistryClient.create(registry.options());
        app = push("team/app:1.0");
        sidecar = push("team/proxy:2.1");
        key = SignedImages.newKey();
        SignedImages.sign(client, app, app.digest().orElseThrow(), key.getPrivate());
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageReference push(String name) throws Exception {
        ImageReference reference = ImageReference.parse(registry.host() + "/" + name);
        return reference.withDigest(TestImages.pushImage(client, reference, true).digest());
    }

    private static String tagged(ImageReference image) {
        return image.name() + ":" + image.tag().orElseThrow();
    }

    private static Resource deployment(String initImage, String appImage) {
        return ManifestReader.create().readString("request.json", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"team"},
                 "spec":{"template":{"spec":{"initContainers":[{"name":"init","image":"%s"}],
                   "containers":[{"name":"app","image":"%s"}]}}}}
                """.formatted(initImage, appImage)).resources().get(0);
    }

    private static DigestResolver registryResolver() {
        return DigestResolver.caching(client);
    }

    @Test
    void tagsArePinnedWithAJsonPatchAtTheImageFields() throws Exception {
        AdmissionPinner pinner = AdmissionPinner.builder(registryResolver()).build();
        AdmissionPinner.Result result = pinner.patch(deployment(tagged(sidecar), tagged(app)));
        assertTrue(result.allowed());
        JsonNode patch = new ObjectMapper().readTree(result.patchJson());
        assertEquals(2, patch.size());
        assertEquals("replace", patch.get(0).path("op").asText());
        assertEquals("/spec/template/spec/initContainers/0/image", patch.get(0).path("path").asText());
        assertEquals(tagged(sidecar) + "@" + sidecar.digest().orElseThrow(), patch.get(0).path("value").asText());
        assertEquals("/spec/template/spec/containers/0/image", patch.get(1).path("path").asText());
        assertEquals(List.of(), pinner.patch(deployment(sidecar.toString(), app.toString())).operations(),
                "images with digests stay as written");
    }

    @Test
    void aTagTheLockfileRecordsIsPinnedToItsEntryWithoutALookup() {
        Digest recorded = Digest.sha256("the build the lockfile recorded");
        Lockfile lockfile = Lockfile.empty().with(ImageReference.parse(tagged(app)), new LockEntry(recorded, Instant.now()));
        DigestResolver refuses = reference -> {
            throw new AssertionError("the lockfile must answer for " + reference);
        };
        AdmissionPinner.Result result = AdmissionPinner.builder(refuses).lockfile(lockfile).build()
                .patch(deployment(tagged(app), tagged(app)));
        assertTrue(result.allowed());
        assertEquals(tagged(app) + "@" + recorded, result.operations().get(0).value());
    }

    @Test
    void aPinnedImageThatDisagreesWithTheLockfileFailsClosedOrIsReported() {
        Lockfile lockfile = Lockfile.empty().with(ImageReference.parse(tagged(app)),
                new LockEntry(Digest.sha256("another build"), Instant.now()));
        String pinned = tagged(app) + "@" + app.digest().orElseThrow();
        AdmissionPinner.Result refused = AdmissionPinner.builder(registryResolver()).lockfile(lockfile).build()
                .patch(deployment(tagged(sidecar), pinned));
        assertFalse(refused.allowed());
        assertTrue(refused.message().contains("lockfile records"), refused.message());
        assertEquals(List.of(), refused.operations());
        AdmissionPinner.Result ignored = AdmissionPinner.builder(registryResolver()).lockfile(lockfile)
                .failurePolicy(FailurePolicy.IGNORE).build().patch(deployment(tagged(sidecar), pinned));
        assertTrue(ignored.allowed());
        assertEquals(1, ignored.operations().size(), "the other image is still pinned");
        assertTrue(ignored.warnings().get(0).contains("lockfile records"), ignored.warnings().toString());
    }

    /** A resolver that answers after two seconds. */
    private static DigestResolver slowResolver() {
        return reference -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Digest.sha256("late");
        };
    }

    @Test
    void anEarlierInstantThanTheConfiguredDeadlineBoundsThePatch() {
        DigestResolver slow = slowResolver();
        AdmissionPinner pinner = AdmissionPinner.builder(slow).deadline(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        AdmissionPinner.Result refused = pinner.patch(deployment(tagged(sidecar), tagged(app)),
                Instant.now().plusMillis(200));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_500, "stopped at the caller's instant");
        assertFalse(refused.allowed());
        assertTrue(refused.message().contains("within the deadline"), refused.message());
        assertTrue(pinner.patch(deployment(tagged(sidecar), tagged(app)), Instant.now().minusSeconds(1)).message()
                .contains("deadline passed"), "an instant already past resolves nothing");
    }

    @Test
    void theDeadlineIsHonouredWithEitherFailurePolicy() {
        DigestResolver slow = slowResolver();
        long start = System.nanoTime();
        AdmissionPinner.Result refused = AdmissionPinner.builder(slow).deadline(Duration.ofMillis(200)).build()
                .patch(deployment(tagged(sidecar), tagged(app)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_500, "stopped at the deadline");
        assertFalse(refused.allowed());
        assertTrue(refused.message().contains("within the deadline"), refused.message());
        AdmissionPinner.Result ignored = AdmissionPinner.builder(slow).deadline(Duration.ofMillis(200))
                .failurePolicy(FailurePolicy.IGNORE).build().patch(deployment(tagged(sidecar), tagged(app)));
        assertTrue(ignored.allowed());
        assertEquals(List.of(), ignored.operations());
        assertEquals(2, ignored.warnings().size());
    }

    @Test
    void anUnknownTagIsAFailure() {
        AdmissionPinner.Result result = AdmissionPinner.builder(registryResolver()).build()
                .patch(deployment(tagged(sidecar), registry.host() + "/team/app:9.9"));
        assertFalse(result.allowed());
        assertTrue(result.message().contains("team/app:9.9"), result.message());
    }

    @Test
    void imagesAPolicyCoversArePinnedToTheDigestTheirVerificationVerified() {
        CosignImageVerifier verifier = CosignImageVerifier.builder(client, TrustedRoot.empty()).tlogRequired(false).build();
        ImageVerificationPolicy signedByCi = ImageVerificationPolicy.anyOf(List.of(ImageAuthority.key("ci",
                SignedImages.publicPem(key))));
        AdmissionPinner pinner = AdmissionPinner.builder(registryResolver())
                .verifiedBy(verifier, image -> image.contains("/team/app") ? Optional.of(signedByCi) : Optional.empty())
                .build();
        AdmissionPinner.Result result = pinner.patch(deployment(tagged(sidecar), tagged(app)));
        assertTrue(result.allowed(), result.message());
        assertEquals(tagged(app) + "@" + app.digest().orElseThrow(), result.operations().get(1).value());
        AdmissionPinner strict = AdmissionPinner.builder(registryResolver())
                .verifiedBy(verifier, image -> Optional.of(signedByCi)).build();
        AdmissionPinner.Result refused = strict.patch(deployment(tagged(sidecar), tagged(app)));
        assertFalse(refused.allowed());
        assertTrue(refused.message().contains("not verified") && refused.message().contains("proxy"), refused.message());
    }
}
