package dev.palisade.sigstore.registry;

import dev.palisade.sigstore.registry.internal.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real, anonymous distribution registry. */
class RegistryClientTest {
    @TempDir
    static Path directory;
    static LocalRegistry registry;
    static RegistryClient client;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start("", directory);
        client = RegistryClient.create(registry.options());
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageReference ref(String text) {
        return ImageReference.parse(registry.host() + "/" + text);
    }

    @Test
    void resolvesTagsOfOciAndDockerImagesByHead() throws Exception {
        TestImages.Pushed oci = TestImages.pushImage(client, ref("team/oci:1.0"), true);
        TestImages.Pushed docker = TestImages.pushImage(client, ref("team/docker:1.0"), false);
        assertEquals(oci.digest(), client.resolve(ref("team/oci:1.0")));
        assertEquals(docker.digest(), client.resolve(ref("team/docker:1.0")));
        Descriptor head = OciRegistry.of(client).headManifest(ref("team/docker:1.0")).orElseThrow();
        assertEquals(MediaTypes.DOCKER_MANIFEST, head.mediaType());
        assertEquals(docker.content().length, head.size());
    }

    @Test
    void multiPlatformTagsResolveToTheIndex() throws Exception {
        TestImages.Pushed amd = TestImages.pushImage(client, ref("multi/app:amd64"), true);
        TestImages.Pushed arm = TestImages.pushImage(client, ref("multi/app:arm64"), true);
        TestImages.Pushed index = TestImages.pushIndex(client, ref("multi/app:1"), List.of(amd, arm));
        assertEquals(index.digest(), client.resolve(ref("multi/app:1")));
        Manifest fetched = OciRegistry.of(client).fetchManifest(ref("multi/app:1")).orElseThrow();
        assertTrue(fetched.isIndex());
        assertArrayEquals(index.content(), fetched.content());
    }

    @Test
    void fetchesManifestsAndBlobsVerified() throws Exception {
        TestImages.Pushed image = TestImages.pushImage(client, ref("fetch/app:v1"), true);
        Manifest byTag = OciRegistry.of(client).fetchManifest(ref("fetch/app:v1")).orElseThrow();
        assertArrayEquals(image.content(), byTag.content());
        assertEquals(image.digest(), byTag.digest());
        assertEquals(MediaTypes.OCI_MANIFEST, byTag.mediaType());
        Manifest byDigest = OciRegistry.of(client).fetchManifest(ref("fetch/app@" + image.digest())).orElseThrow();
        assertArrayEquals(image.content(), byDigest.content());
        byte[] blob = "hello blob".getBytes(StandardCharsets.UTF_8);
        Descriptor pushed = OciRegistry.of(client).pushBlob(ref("fetch/app"), blob, "application/octet-stream");
        assertArrayEquals(blob, OciRegistry.of(client).fetchBlob(ref("fetch/app"), pushed.digest()));
    }

    @Test
    void digestReferencesResolveWithoutTheNetwork() {
        Digest digest = Digest.sha256("not in any registry");
        RegistryClient unreachable = RegistryClient.create(RegistryOptions.defaults().withRetries(1, Duration.ZERO,
                Duration.ZERO));
        assertEquals(digest, unreachable.resolve(ImageReference.parse("registry.invalid/app:1@" + digest)));
        assertEquals(digest, DigestResolver.caching(unreachable).resolve(ImageReference.parse("app@" + digest)));
    }

    @Test
    void missingTagsAndRepositoriesAreClearErrors() throws Exception {
        TestImages.pushImage(client, ref("missing/app:present"), true);
        RegistryException e = assertThrows(RegistryException.class, () -> client.resolve(ref("missing/app:absent")));
        assertEquals(404, e.status().orElseThrow());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertEquals(Optional.empty(), OciRegistry.of(client).fetchManifest(ref("missing/app:absent")));
        assertEquals(Optional.empty(), OciRegistry.of(client).headManifest(ref("nothing/here:1")));
        RegistryException blob = assertThrows(RegistryException.class,
                () -> OciRegistry.of(client).fetchBlob(ref("missing/app"), Digest.sha256("absent")));
        assertEquals(404, blob.status().orElseThrow());
    }

    @Test
    void everyHostInsecureTriesHttpsThenFallsBackToPlainHttp() throws Exception {
        TestImages.Pushed image = TestImages.pushImage(client, ref("fallback/app:1"), true);
        RegistryClient anyInsecure = RegistryClient.create(RegistryOptions.defaults()
                .withInsecureRegistries(java.util.Set.of("*")));
        assertEquals(image.digest(), anyInsecure.resolve(ref("fallback/app:1")));
        RegistryClient secure = RegistryClient.create(RegistryOptions.defaults().withRetries(1, Duration.ZERO,
                Duration.ZERO));
        RegistryException e = assertThrows(RegistryException.class, () -> secure.resolve(ref("fallback/app:1")));
        assertTrue(e.getMessage().contains("--allow-insecure-registry"), e.getMessage());
    }

    @Test
    void listsTags() throws Exception {
        for (String tag : List.of("a", "b", "c")) {
            TestImages.pushImage(client, ref("tags/app:" + tag), true);
        }
        assertEquals(List.of("a", "b", "c"), OciRegistry.of(client).tags(ref("tags/app")).stream().sorted().toList());
        assertEquals(List.of(), OciRegistry.of(client).tags(ref("tags/none")));
    }

    @Test
    void referrersFallBackToTheReferrersTagAndFilterByArtifactType() throws Exception {
        TestImages.Pushed image = TestImages.pushImage(client, ref("refs/app:1"), true);
        assertEquals(List.of(), OciRegistry.of(client).referrers(ref("refs/app"), image.digest(), Optional.empty()));
        Descriptor subject = Descriptor.of(image.mediaType(), image.digest(), image.content().length);
        Digest bundle = pushArtifact(subject, MediaTypes.SIGSTORE_BUNDLE_V03, "{\"bundle\":1}");
        Digest sbom = pushArtifact(subject, "application/spdx+json", "{\"spdx\":1}");
        List<Descriptor> all = OciRegistry.of(client).referrers(ref("refs/app"), image.digest(), Optional.empty());
        assertEquals(List.of(bundle, sbom), all.stream().map(Descriptor::digest).toList());
        List<Descriptor> bundles = OciRegistry.of(client).referrers(ref("refs/app"), image.digest(),
                Optional.of(MediaTypes.SIGSTORE_BUNDLE_V03));
        assertEquals(List.of(bundle), bundles.stream().map(Descriptor::digest).toList());
        assertEquals(Map.of("kind", MediaTypes.SIGSTORE_BUNDLE_V03), bundles.get(0).annotations());
    }

    private Digest pushArtifact(Descriptor subject, String artifactType, String content) throws Exception {
        Descriptor empty = OciRegistry.of(client).pushBlob(ref("refs/app"), "{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_EMPTY);
        Descriptor layer = OciRegistry.of(client).pushBlob(ref("refs/app"), content.getBytes(StandardCharsets.UTF_8), artifactType);
        byte[] manifest = TestImages.manifest(MediaTypes.OCI_MANIFEST, empty, List.of(layer), Optional.of(subject),
                Map.of("kind", artifactType));
        return OciRegistry.of(client).pushReferrer(ref("refs/app"), subject.digest(), manifest, MediaTypes.OCI_MANIFEST, artifactType,
                Map.of("kind", artifactType));
    }

    @Test
    void resolverCachesTagsUntilTheirTimeToLiveEnds() throws Exception {
        MutableClock clock = new MutableClock();
        DigestResolver resolver = DigestResolver.caching(client, Duration.ofMinutes(5), 100, clock);
        Digest first = TestImages.pushImage(client, ref("cache/app:moving"), true).digest();
        assertEquals(first, resolver.resolve(ref("cache/app:moving")));
        Digest second = TestImages.pushImage(client, ref("cache/app:moving"), true).digest();
        clock.advance(Duration.ofMinutes(4));
        assertEquals(first, resolver.resolve(ref("cache/app:moving")), "within the TTL the cached digest is used");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(second, resolver.resolve(ref("cache/app:moving")), "after the TTL the tag is resolved again");
    }

    @Test
    void resolverCacheIsBounded() throws Exception {
        MutableClock clock = new MutableClock();
        DigestResolver resolver = DigestResolver.caching(client, Duration.ofHours(1), 1, clock);
        Digest a1 = TestImages.pushImage(client, ref("bound/app:a"), true).digest();
        TestImages.pushImage(client, ref("bound/app:b"), true);
        assertEquals(a1, resolver.resolve(ref("bound/app:a")));
        resolver.resolve(ref("bound/app:b"));
        Digest a2 = TestImages.pushImage(client, ref("bound/app:a"), true).digest();
        assertEquals(a2, resolver.resolve(ref("bound/app:a")), "the entry for :a was evicted by :b");
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock() {
            this(Instant.parse("2026-01-01T00:00:00Z"));
        }

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
