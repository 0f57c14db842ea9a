package dev.palisade.sigstore.policy.internal;

import com.google.re2j.Pattern;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.ImageReference;

/**
 * An image pattern of an ImagePolicy, matched against the normalised reference: {@code *} matches
 * any characters except {@code /}, {@code **} any characters including {@code /}, {@code ?} one
 * character other than {@code /}; everything else matches itself. A pattern matches an image when it
 * matches its name ({@code registry/repository}) or its full normalised form (with tag and digest).
 * Compiled once to an RE2 pattern; immutable and thread-safe.
 */
public final class ImageGlob {
    private final String text;
    private final Pattern pattern;

    private ImageGlob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** Compiles a glob. */
    public static ImageGlob compile(String glob) {
        if (glob.isBlank()) {
            throw new PalisadeException("an image pattern must not be empty");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                if (c == '?') {
                    regex.append("[^/]");
                } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^/]*");
                }
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return new ImageGlob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /** Whether the image matches. */
    public boolean matches(ImageReference image) {
        return pattern.matches(image.name()) || pattern.matches(image.normalized());
    }

    /** Whether the text (an image that is not a valid reference) matches as written. */
    public boolean matchesText(String image) {
        return pattern.matches(image);
    }

    @Override
    public String toString() {
        return text;
    }
}
