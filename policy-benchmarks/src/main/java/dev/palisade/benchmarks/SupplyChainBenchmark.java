package dev.palisade.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.pin.DigestPinner;
import dev.palisade.sigstore.pin.LockEntry;
import dev.palisade.sigstore.pin.Lockfile;
import dev.palisade.sigstore.pin.LockfileResolver;
import dev.palisade.sigstore.pin.PinResult;
import dev.palisade.sigstore.policy.CosignImageVerifier;
import dev.palisade.sigstore.policy.SignatureSource;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.BlobVerifier;
import dev.palisade.sigstore.verify.ImageSignatureVerifier;
import dev.palisade.sigstore.verify.LegacySignature;
import dev.palisade.sigstore.verify.SignatureVerification;
import dev.palisade.sigstore.verify.SignedImage;
import dev.palisade.sigstore.verify.StringMatcher;
import dev.palisade.sigstore.verify.TrustedRoot;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Supply-chain hot paths, without network: (1) keyless verification of the shared legacy cosign
 * fixture {@code keyless-fulcio-rekor} (certificate chain, SCT, Rekor SET, identity) with a warm trust
 * root; (2) keyless verification of a Sigstore bundle ({@code bundles/sigstore-java/bundle.sigstore.json}:
 * message signature, Fulcio chain, SCT, Rekor SET, inclusion proof and checkpoint, identity), side by side
 * with sigstore-java 2.0.0's {@code KeylessVerifier} on the same bundle, trust root and identity (both parse
 * the bundle JSON in each operation); (3) a cached verification lookup through {@link CosignImageVerifier},
 * as admission serves a repeated image; (4) pinning 1,000 Deployment manifests (two containers each) with
 * every tag in a warm lockfile. The fixtures are read at setup from {@code -Dpalisade.shared} or
 * {@code ../shared}. Five warm-up iterations: the fixed-base tables of the trusted keys and generators grow to
 * their steady-state size after 4,096 uses of each, which the first two iterations reach.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SupplyChainBenchmark {

    /** The keyless legacy fixture with the public-good trust root, parsed once. */
    @State(Scope.Benchmark)
    public static class KeylessFixture {
        ImageSignatureVerifier verifier;
        VerificationPolicy policy;
        SignedImage image;

        @Setup(Level.Trial)
        public void load() throws IOException {
            Path sigstore = sharedFolder().resolve("conformance/sigstore");
            Path folder = sigstore.resolve("legacy-cosign/keyless-fulcio-rekor");
            TrustedRoot root = TrustedRoot.read(sigstore.resolve("trusted-roots/public-good.sigstore-java.trusted_root.json"));
            verifier = new ImageSignatureVerifier(root);
            ObjectMapper json = new ObjectMapper();
            String digest = json.readTree(folder.resolve("payload.json").toFile()).path("critical").path("image")
                    .path("docker-manifest-digest").asText();
            Map<String, String> annotations = new LinkedHashMap<>();
            json.readTree(folder.resolve("annotations.json").toFile()).fields()
                    .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
            image = SignedImage.of(ImageReference.parse("quay.io/example/app@" + digest),
                    List.of(new LegacySignature(Files.readAllBytes(folder.resolve("payload.json")), annotations)), List.of());
            policy = VerificationPolicy.anyOf(new Authority.Keyless("mitr", StringMatcher.exact("mitr@redhat.com"),
                    StringMatcher.exact("https://github.com/login/oauth")));
            SignatureVerification check = verifier.verify(image, policy);
            if (!check.verified()) {
                throw new IllegalStateException("the keyless fixture does not verify: " + check.describeRejections());
            }
        }
    }

    /** The sigstore-java sample bundle, its artifact and the public-good trust root, for Palisade and sigstore-java. */
    @State(Scope.Benchmark)
    public static class BundleFixture {
        BlobVerifier verifier;
        VerificationPolicy policy;
        byte[] artifact;
        byte[] artifactDigest;
        byte[] bundle;
        String bundleText;
        dev.sigstore.KeylessVerifier sigstoreJava;
        dev.sigstore.VerificationOptions sigstoreJavaOptions;

        @Setup(Level.Trial)
        public void load() throws Exception {
            Path sigstore = sharedFolder().resolve("conformance/sigstore");
            Path rootFile = sigstore.resolve("trusted-roots/public-good.sigstore-java.trusted_root.json");
            Path folder = sigstore.resolve("bundles/sigstore-java");
            artifact = Files.readAllBytes(folder.resolve("artifact.txt"));
            artifactDigest = java.security.MessageDigest.getInstance("SHA-256").digest(artifact);
            bundle = Files.readAllBytes(folder.resolve("bundle.sigstore.json"));
            bundleText = new String(bundle, StandardCharsets.UTF_8);
            verifier = new BlobVerifier(TrustedRoot.read(rootFile));
            policy = VerificationPolicy.anyOf(new Authority.Keyless("appu", StringMatcher.exact("appu@google.com"),
                    StringMatcher.exact("https://accounts.google.com")));
            SignatureVerification check = verifier.verify(artifact, bundle, policy);
            if (!check.verified()) {
                throw new IllegalStateException("the bundle does not verify: " + check.describeRejections());
            }
            sigstoreJava = dev.sigstore.KeylessVerifier.builder()
                    .trustedRootProvider(dev.sigstore.TrustedRootProvider.from(rootFile)).build();
            sigstoreJavaOptions = dev.sigstore.VerificationOptions.builder().addCertificateMatchers(
                    dev.sigstore.VerificationOptions.CertificateMatcher.fulcio()
                            .subjectAlternativeName(dev.sigstore.strings.StringMatcher.string("appu@google.com"))
                            .issuer(dev.sigstore.strings.StringMatcher.string("https://accounts.google.com")).build())
                    .build();
            sigstoreJava.verify(artifactDigest, dev.sigstore.bundle.Bundle.from(new java.io.StringReader(bundleText)),
                    sigstoreJavaOptions);
        }
    }

    /** A verifier whose cache already holds the result for one image. */
    @State(Scope.Benchmark)
    public static class WarmCache {
        CosignImageVerifier verifier;
        String image;
        ImageVerificationPolicy authorities;

        @Setup(Level.Trial)
        public void prime() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            Digest digest = Digest.sha256("benchmark image manifest");
            ImageReference reference = ImageReference.parse("registry.example.com/team/app@" + digest);
            byte[] payload = ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference.name()
                    + "\"},\"image\":{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container"
                    + " image signature\"},\"optional\":null}").getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(payload);
            LegacySignature signature = new LegacySignature(payload, Map.of(LegacySignature.SIGNATURE,
                    Base64.getEncoder().encodeToString(signer.sign())));
            SignedImage held = SignedImage.of(reference, List.of(signature), List.of());
            SignatureSource inMemory = new SignatureSource() {
                @Override
                public Digest resolve(ImageReference ref) {
                    return ref.digest().orElseThrow();
                }

                @Override
                public SignedImage signatures(ImageReference ref, Digest image) {
                    return held;
                }
            };
            verifier = CosignImageVerifier.builder(inMemory, TrustedRoot.empty())
                    .tlogRequired(false).build();
            image = reference.toString();
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            authorities = ImageVerificationPolicy.anyOf(List.of(ImageAuthority.key("ci", pem)));
            if (!verifier.verify(image, authorities).verified()) {
                throw new IllegalStateException("the primed image does not verify");
            }
        }
    }

    /** 1,000 Deployment manifests and a lockfile that holds every tag they use. */
    @State(Scope.Benchmark)
    public static class Manifests {
        static final int COUNT = 1_000;
        DigestPinner pinner;
        List<String> texts;

        @Setup(Level.Trial)
        public void generate() {
            Lockfile lockfile = Lockfile.empty();
            texts = new ArrayList<>(COUNT);
            Instant resolvedAt = Instant.parse("2026-11-22T09:00:00Z");
            for (int i = 0; i < COUNT; i++) {
                String app = "registry.example.com/team/app-" + (i % 50) + ":1." + (i % 7);
                String sidecar = "docker.io/envoyproxy/envoy:v1." + (i % 5);
                lockfile = lockfile.with(ImageReference.parse(app), new LockEntry(Digest.sha256(app), resolvedAt))
                        .with(ImageReference.parse(sidecar), new LockEntry(Digest.sha256(sidecar), resolvedAt));
                texts.add("# service " + i + "\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-" + i
                        + "\n  namespace: team\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels:\n"
                        + "        app: app-" + i + "\n    spec:\n      containers:\n        - name: app\n"
                        + "          image: " + app + "  # release\n          ports:\n            - containerPort: 8080\n"
                        + "        - name: proxy\n          image: \"" + sidecar + "\"\n");
            }
            pinner = new DigestPinner(new LockfileResolver(lockfile, "palisade.lock", Optional.empty(), false,
                    Clock.systemUTC()), Lockfile.empty());
        }
    }

    /** Keyless verification of one legacy signature, trust root parsed once. */
    @Benchmark
    public SignatureVerification keylessLegacyVerification(KeylessFixture fixture) {
        return fixture.verifier.verify(fixture.image, fixture.policy);
    }

    /** Keyless verification of a Sigstore bundle by Palisade (parsing included). */
    @Benchmark
    public SignatureVerification keylessBundleVerification(BundleFixture fixture) {
        return fixture.verifier.verify(fixture.artifact, fixture.bundle, fixture.policy);
    }

    /** The same bundle verified by sigstore-java 2.0.0 (parsing included), the peer of {@link #keylessBundleVerification}. */
    @Benchmark
    public Object sigstoreJavaBundleVerification(BundleFixture fixture) throws Exception {
        dev.sigstore.bundle.Bundle bundle = dev.sigstore.bundle.Bundle.from(new java.io.StringReader(fixture.bundleText));
        fixture.sigstoreJava.verify(fixture.artifactDigest, bundle, fixture.sigstoreJavaOptions);
        return bundle;
    }

    /** A repeated image at admission: the result comes from the verifier's cache. */
    @Benchmark
    public ImageVerification cachedVerificationLookup(WarmCache cache) {
        return cache.verifier.verify(cache.image, cache.authorities);
    }

    /** Pins 1,000 manifests (2,000 images) from the lockfile; one operation is the whole batch. */
    @Benchmark
    public void pinThousandManifests(Manifests manifests, Blackhole blackhole) {
        for (int i = 0; i < manifests.texts.size(); i++) {
            PinResult result = manifests.pinner.pin("deploy-" + i + ".yaml", manifests.texts.get(i));
            blackhole.consume(result);
        }
    }

    static Path sharedFolder() {
        String property = System.getProperty("palisade.shared", "");
        Path folder = property.isEmpty() ? Path.of("..", "shared") : Path.of(property);
        if (!Files.isDirectory(folder.resolve("conformance/sigstore"))) {
            throw new IllegalStateException("the shared fixtures are not at " + folder.toAbsolutePath()
                    + "; run with -Dpalisade.shared=/path/to/shared");
        }
        return folder;
    }
}
