package dev.palisade.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The adversarial suite's image-reference target (issue 17): parse and format round trips, idempotent
 * normalisation, and arbitrary or mutated text failing only with {@link ImageReferenceException}; the
 * {@code --allow-insecure-registry} reader agrees with it. {@code -Dpalisade.fuzz.tries=N} runs longer ({@link FuzzBudget}).
 */
@AddLifecycleHook(FuzzBudget.class)
class ImageReferencePropertiesTest {

    @Property(tries = 500)
    void validReferencesRoundTrip(@ForAll("references") String text) {
        ImageReference ref = ImageReference.parse(text);
        assertEquals(ref, ImageReference.parse(ref.toString()));
    }

    @Property(tries = 500)
    void normalisationIsIdempotent(@ForAll("references") String text) {
        String once = ImageReference.parse(text).normalized();
        assertEquals(once, ImageReference.parse(once).normalized());
    }

    @Property(tries = 500)
    void familiarFormParsesBackToTheSameReference(@ForAll("references") String text) {
        ImageReference ref = ImageReference.parse(text);
        assertEquals(ref.normalized(), ImageReference.parse(ref.familiar()).normalized());
    }

    @Property(tries = 300)
    void dockerHubSpellingsAndHostCaseNameOneRepository(@ForAll("references") String text,
            @ForAll("hubHosts") String hub, @ForAll boolean upperCaseHost) {
        ImageReference ref = ImageReference.parse(text);
        String respelled;
        if (ref.registry().equals(ImageReference.DOCKER_HUB)) {
            String first = ref.repository().substring(0, ref.repository().indexOf('/'));
            boolean readsAsHost = first.contains(".") || first.contains(":") || first.equals("localhost");
            respelled = (hub.isEmpty() && readsAsHost ? "docker.io/" : hub) + ref.repository();
        } else {
            String host = upperCaseHost && !ref.registry().startsWith("[") ? ref.registry().toUpperCase(java.util.Locale.ROOT)
                    : ref.registry();
            respelled = host + "/" + ref.repository();
        }
        ImageReference other = ImageReference.parse(respelled);
        org.junit.jupiter.api.Assertions.assertTrue(ref.sameRepository(other), ref + " vs " + respelled);
        org.junit.jupiter.api.Assertions.assertTrue(other.sameRepository(ref), "symmetric");
        assertEquals(ref.name(), other.name());
        org.junit.jupiter.api.Assertions.assertTrue(dev.palisade.sigstore.verify.internal.SignedContent.sameReference(
                respelled, ref, false), "the signature decision agrees with ImageReference");
    }

    @Property(tries = 300)
    void anotherRegistryOrPathIsAnotherRepository(@ForAll("references") String text) {
        ImageReference ref = ImageReference.parse(text);
        ImageReference elsewhere = ImageReference.parse("mirror.example/" + ref.repository());
        org.junit.jupiter.api.Assertions.assertFalse(ref.sameRepository(elsewhere) && !ref.registry().equals("mirror.example"));
        ImageReference deeper = ImageReference.parse(ref.name() + "/sub");
        org.junit.jupiter.api.Assertions.assertFalse(ref.sameRepository(deeper));
        org.junit.jupiter.api.Assertions.assertFalse(dev.palisade.sigstore.verify.internal.SignedContent.sameReference(
                deeper.normalized(), ref, false));
    }

    @Provide
    Arbitrary<String> hubHosts() {
        return Arbitraries.of("", "docker.io/", "index.docker.io/", "registry-1.docker.io/", "Docker.IO/", "INDEX.docker.io/");
    }

    @Property(tries = 1000)
    void arbitraryTextFailsOnlyWithTheReferenceException(@ForAll @StringLength(max = 300) String text) {
        parseOrReferenceError(text);
    }

    @Property(tries = 1000)
    void mutatedReferencesFailOnlyWithTheReferenceException(@ForAll("references") String text,
            @ForAll("positions") int position, @ForAll("noise") char noise) {
        int at = position % (text.length() + 1);
        parseOrReferenceError(text.substring(0, at) + noise + text.substring(at));
    }

    private static void parseOrReferenceError(String text) {
        try {
            ImageReference ref = ImageReference.parse(text);
            assertEquals(ref, ImageReference.parse(ref.normalized()));
        } catch (ImageReferenceException expected) {
            // the only exception parse may throw
        }
    }

    @Property(tries = 500)
    void insecureRegistryValuesAreRegistriesOfReferencesOrRefused(@ForAll("references") String text,
            @ForAll("noise") char noise, @ForAll("positions") int position) {
        ImageReference ref = ImageReference.parse(text);
        if (!ref.registry().equals(ImageReference.DOCKER_HUB)) {
            // the registry of every reference is a valid value, read as that registry, and a fixpoint
            String host = dev.palisade.sigstore.registry.RegistryOptions.insecureRegistry(ref.registry());
            assertEquals(ref.registry(), host);
            assertEquals(host, dev.palisade.sigstore.registry.RegistryOptions.insecureRegistry(host));
        }
        String mutated = ref.registry().substring(0, position % (ref.registry().length() + 1)) + noise
                + ref.registry().substring(position % (ref.registry().length() + 1));
        try {
            String host = dev.palisade.sigstore.registry.RegistryOptions.insecureRegistry(mutated);
            // accepted: it is what a reference on that registry would name
            assertEquals(ImageReference.parse(host + "/x/y").registry(), host);
        } catch (dev.palisade.sigstore.registry.RegistryException refused) {
            org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("is neither"), refused.getMessage());
        }
    }

    @Property(tries = 500)
    void arbitraryInsecureRegistryValuesFailOnlyWithTheRegistryException(@ForAll @StringLength(max = 80) String text) {
        try {
            String host = dev.palisade.sigstore.registry.RegistryOptions.insecureRegistry(text);
            assertEquals(host, dev.palisade.sigstore.registry.RegistryOptions.insecureRegistry(host), "idempotent");
        } catch (dev.palisade.sigstore.registry.RegistryException expected) {
            // the only exception the reader may throw
        }
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 400);
    }

    @Provide
    Arbitrary<Character> noise() {
        return Arbitraries.of(':', '/', '@', '.', '-', '_', '[', ']', 'A', ' ', '0', 'z');
    }

    @Provide
    Arbitrary<String> references() {
        Arbitrary<String> registry = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.of("docker.io/", "index.docker.io/", "localhost/", "localhost:5000/", "[::1]:5000/",
                        "[fe80::1]/", "127.0.0.1:8080/"),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(10)
                        .list().ofMinSize(2).ofMaxSize(4).map(parts -> String.join(".", parts) + "/"));
        Arbitrary<String> component = Combinators.combine(alnum(), Arbitraries.of("", ".", "_", "__", "-", "--"),
                alnum()).as((a, sep, b) -> sep.isEmpty() ? a : a + sep + b);
        Arbitrary<String> repository = component.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
        Arbitrary<String> tag = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.strings().withChars("abcXYZ019_").ofLength(1),
                        Arbitraries.strings().withChars("abcXYZ019_.-").ofMaxLength(20)).as((a, b) -> ":" + a + b));
        Arbitrary<String> digest = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "@sha256:" + h),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(128).map(h -> "@sha512:" + h));
        return Combinators.combine(registry, repository, tag, digest).as((r, p, t, d) -> r + p + t + d);
    }

    private static Arbitrary<String> alnum() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(8);
    }
}
