package dev.palisade.sigstore.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.internal.ImageGlob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The image-pattern rules of ImagePolicy. */
class ImageGlobPropertiesTest {

    @Provide
    Arbitrary<String> components() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<ImageReference> images() {
        Arbitrary<String> component = components();
        return Combinators.combine(Arbitraries.of("registry.example.com", "ghcr.io", "docker.io", "localhost:5000"),
                component.list().ofMinSize(1).ofMaxSize(4), component).as((registry, path, tag) ->
                        ImageReference.parse(registry + "/" + String.join("/", path) + ":" + tag));
    }

    @Property(tries = 300)
    void doubleStarMatchesEveryImageBelowARegistry(@ForAll("images") ImageReference image) {
        assertTrue(ImageGlob.compile(image.registry() + "/**").matches(image));
        assertTrue(ImageGlob.compile("**").matches(image));
    }

    @Property(tries = 300)
    void aPatternWithoutWildcardsMatchesOnlyTheSameName(@ForAll("images") ImageReference image,
            @ForAll("images") ImageReference other) {
        ImageGlob exact = ImageGlob.compile(image.name());
        assertTrue(exact.matches(image));
        assertEquals(other.name().equals(image.name()), exact.matches(other));
    }

    @Property(tries = 300)
    void singleStarStaysInsideOnePathComponent(@ForAll("images") ImageReference image) {
        String repository = image.repository();
        ImageGlob oneLevel = ImageGlob.compile(image.registry() + "/*");
        assertEquals(!repository.contains("/"), oneLevel.matches(image));
    }

    @Example
    void documentedExamples() {
        ImageReference app = ImageReference.parse("registry.example.com/team/app:1.0");
        ImageReference nested = ImageReference.parse("registry.example.com/team/sub/app:1.0");
        assertTrue(ImageGlob.compile("registry.example.com/team/*").matches(app));
        assertFalse(ImageGlob.compile("registry.example.com/team/*").matches(nested));
        assertTrue(ImageGlob.compile("registry.example.com/team/**").matches(nested));
        assertTrue(ImageGlob.compile("registry.example.com/team/app:1.?").matches(app));
        assertTrue(ImageGlob.compile("docker.io/library/*").matches(ImageReference.parse("nginx")));
        assertFalse(ImageGlob.compile("registry.example.com/team.app").matches(app), "dots are literal");
        assertFalse(ImageGlob.compile("registry.example.com/team").matches(app), "whole names, not prefixes");
    }
}
