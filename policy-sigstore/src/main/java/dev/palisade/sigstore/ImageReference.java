package dev.palisade.sigstore;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference, parsed and normalised with Docker's rules:
 * {@code [registry[:port]/]repository[:tag][@algorithm:digest]}.
 *
 * <ul>
 *   <li>The first path component is a registry when it contains {@code .} or {@code :}, is
 *       {@code localhost} or is a bracketed IPv6 literal ({@code [::1]:5000}); otherwise the registry is Docker Hub, written {@code docker.io} ({@code index.docker.io} and
 *       {@code registry-1.docker.io}, Docker Hub's API host, are normalised to it).</li>
 *   <li>A single-component Docker Hub repository gets {@code library/} ({@code nginx} →
 *       {@code docker.io/library/nginx}).</li>
 *   <li>Repository components are lower-case letters and digits separated by {@code .}, {@code _},
 *       {@code __} or dashes; registry host names are normalised to lower case; the full name
 *       ({@code registry/repository}) is at most 255 characters.</li>
 *   <li>Tags are {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}; digests are validated by {@link Digest}. When
 *       both are present the digest identifies the image and the tag is informational.</li>
 * </ul>
 *
 * <p>No default tag is added: {@link #tag()} is empty when the text has none, and
 * {@link #identifier()} gives what a registry would be asked for ({@code latest} by default).
 *
 * @param registry normalised registry host with optional port ({@code docker.io}, {@code localhost:5000})
 * @param repository the repository path ({@code library/nginx}, {@code team/sub/app})
 * @param tag the tag, when written
 * @param digest the digest, when written
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
    /** Docker Hub as written in normalised references. */
    public static final String DOCKER_HUB = "docker.io";
    /** The tag a registry is asked for when a reference has neither tag nor digest. */
    public static final String DEFAULT_TAG = "latest";
    /** Longest allowed {@code registry/repository} name. */
    public static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_TAG_LENGTH = 128;
    private static final int MAX_INPUT_LENGTH = 4096;
    private static final String EXAMPLE = "a valid reference looks like 'registry.example:5000/team/app:1.2@sha256:<64 hex>'"
            + " or 'nginx:1.27'";

    /**
     * Normalises the parts (host case, Docker Hub aliases, {@code library/}) and checks them as {@link #parse} does.
     *
     * @param registry normalised registry host with optional port ({@code docker.io}, {@code localhost:5000})
     * @param repository the repository path ({@code library/nginx}, {@code team/sub/app})
     * @param tag the tag, when written
     * @param digest the digest, when written
     */
    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        registry = registry.toLowerCase(Locale.ROOT);
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = "library/" + repository;
        }
        String text = registry + "/" + repository;
        checkRegistry(registry, text);
        if (!registry.equals(DOCKER_HUB) && !looksLikeRegistry(registry)) {
            throw new ImageReferenceException("registry '" + registry + "' in '" + abbreviate(text) + "' would be"
                    + " read as a Docker Hub namespace; a registry host contains '.' or ':' or is 'localhost'");
        }
        checkRepository(repository, text);
        tag.ifPresent(t -> checkTag(t, text));
        if (text.length() > MAX_NAME_LENGTH) {
            throw new ImageReferenceException("image name '" + abbreviate(text) + "' is " + text.length()
                    + " characters long; registry and repository together may have at most " + MAX_NAME_LENGTH);
        }
    }

    /**
     * Parses and normalises a reference.
     *
     * @param text the reference as written, such as {@code nginx:1.27} or {@code ghcr.io/org/app@sha256:...}
     * @return the normalised reference
     * @throws ImageReferenceException saying what is wrong and how a valid reference looks
     */
    public static ImageReference parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new ImageReferenceException("image reference is empty; " + EXAMPLE);
        }
        if (text.length() > MAX_INPUT_LENGTH) {
            throw new ImageReferenceException("image reference is " + text.length() + " characters long; "
                    + EXAMPLE);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new ImageReferenceException("image reference '" + abbreviate(text)
                        + "' contains whitespace or a non-ASCII character at position " + (i + 1) + "; " + EXAMPLE);
            }
        }
        String rest = text;
        Optional<Digest> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            try {
                digest = Optional.of(Digest.parse(digestText));
            } catch (ImageReferenceException e) {
                throw new ImageReferenceException("image reference '" + abbreviate(text) + "': " + e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int lastSlash = rest.lastIndexOf('/');
        int lastColon = rest.lastIndexOf(':');
        boolean colonInIpv6 = lastSlash < 0 && rest.startsWith("[") && lastColon < rest.indexOf(']');
        if (lastColon > lastSlash && !colonInIpv6) {
            String tagText = rest.substring(lastColon + 1);
            checkTag(tagText, text);
            tag = Optional.of(tagText);
            rest = rest.substring(0, lastColon);
        }
        if (rest.isEmpty()) {
            throw new ImageReferenceException("image reference '" + abbreviate(text) + "' has no repository name; "
                    + EXAMPLE);
        }
        String registry;
        String repository;
        int slash = rest.indexOf('/');
        if (slash > 0 && looksLikeRegistry(rest.substring(0, slash).toLowerCase(Locale.ROOT))) {
            registry = rest.substring(0, slash).toLowerCase(Locale.ROOT);
            repository = rest.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            repository = rest;
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** {@return {@code registry/repository} without tag or digest} */
    public String name() {
        return registry + "/" + repository;
    }

    /** {@return the fully qualified form: {@code registry/repository[:tag][@digest]}} */
    public String normalized() {
        StringBuilder out = new StringBuilder(name());
        tag.ifPresent(t -> out.append(':').append(t));
        digest.ifPresent(d -> out.append('@').append(d));
        return out.toString();
    }

    /**
     * {@return the short form Docker prints: without {@code docker.io/} and, for official images, without
     * {@code library/} ({@code nginx:1.27}); other registries are kept, and so is {@code docker.io/}
     * when the repository's first component would read as a registry host ({@code docker.io/a.b/c})}
     */
    public String familiar() {
        String shortName;
        int firstSlash = repository.indexOf('/');
        if (registry.equals(DOCKER_HUB) && !looksLikeRegistry(repository.substring(0, firstSlash))) {
            shortName = repository.startsWith("library/") && repository.indexOf('/', 8) < 0
                    ? repository.substring(8) : repository;
        } else {
            shortName = name();
        }
        StringBuilder out = new StringBuilder(shortName);
        tag.ifPresent(t -> out.append(':').append(t));
        digest.ifPresent(d -> out.append('@').append(d));
        return out.toString();
    }

    /**
     * {@return the same reference pinned to a digest, keeping its tag}
     *
     * @param newDigest the digest
     */
    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, Optional.of(newDigest));
    }

    /**
     * {@return the same reference with another tag (or none), keeping its digest}
     *
     * @param newTag the tag; empty for none
     */
    public ImageReference withTag(Optional<String> newTag) {
        return new ImageReference(registry, repository, newTag, digest);
    }

    /** {@return the repository alone, without tag or digest} */
    public ImageReference repositoryReference() {
        return new ImageReference(registry, repository, Optional.empty(), Optional.empty());
    }

    /** {@return what a registry is asked for: the digest if present, else the tag, else {@code latest}} */
    public String identifier() {
        return digest.map(Digest::toString).orElseGet(() -> tag.orElse(DEFAULT_TAG));
    }

    /**
     * {@return whether both name the same repository after normalisation (registry and path; tag and digest ignored)}
     *
     * @param other another reference
     */
    public boolean sameRepository(ImageReference other) {
        return registry.equals(other.registry) && repository.equals(other.repository);
    }

    /** {@return whether the reference names its image by digest} */
    public boolean isPinned() {
        return digest.isPresent();
    }

    @Override
    public String toString() {
        return normalized();
    }

    private static boolean looksLikeRegistry(String component) {
        return component.indexOf('.') >= 0 || component.indexOf(':') >= 0 || component.equals("localhost")
                || component.startsWith("[");
    }

    private static void checkRegistry(String registry, String text) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            if (close < 0 || !isIpv6(registry.substring(1, close))) {
                throw new ImageReferenceException("registry '" + registry + "' in '" + abbreviate(text)
                        + "' is not a valid bracketed IPv6 address such as '[::1]:5000'");
            }
            String after = registry.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new ImageReferenceException("registry '" + registry + "' in '" + abbreviate(text)
                            + "' has text after the IPv6 address; only ':port' may follow");
                }
                port = after.substring(1);
            }
        } else {
            int colon = registry.indexOf(':');
            if (colon >= 0) {
                host = registry.substring(0, colon);
                port = registry.substring(colon + 1);
            }
            if (!isHostName(host)) {
                throw new ImageReferenceException("registry host '" + host + "' in '" + abbreviate(text)
                        + "' is invalid; use a DNS name such as 'registry.example.com', 'localhost' or an IP"
                        + " address");
            }
        }
        if (port != null && !isPort(port)) {
            throw new ImageReferenceException("registry port '" + port + "' in '" + abbreviate(text)
                    + "' is invalid; use a number from 1 to 65535");
        }
    }

    private static boolean isHostName(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (String component : host.split("\\.", -1)) {
            if (component.isEmpty() || component.startsWith("-") || component.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < component.length(); i++) {
                char c = component.charAt(i);
                if (!(isLowerAlphaNumeric(Character.toLowerCase(c)) || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isIpv6(String address) {
        if (address.length() < 2 || address.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = Character.toLowerCase(address.charAt(i));
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
                return false;
            }
        }
        return !address.contains(":::") && address.indexOf("::") == address.lastIndexOf("::");
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    private static void checkRepository(String repository, String text) {
        if (repository.isEmpty()) {
            throw new ImageReferenceException("image reference '" + abbreviate(text) + "' has no repository; "
                    + EXAMPLE);
        }
        for (String component : repository.split("/", -1)) {
            checkPathComponent(component, text);
        }
    }

    /** {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*}. */
    private static void checkPathComponent(String component, String text) {
        if (component.isEmpty()) {
            throw new ImageReferenceException("repository in '" + abbreviate(text)
                    + "' has an empty path component (a leading, trailing or double '/')");
        }
        if (!component.equals(component.toLowerCase(Locale.ROOT))) {
            throw new ImageReferenceException("repository component '" + component + "' in '" + abbreviate(text)
                    + "' must be lower case");
        }
        int i = 0;
        int n = component.length();
        while (i < n) {
            int start = i;
            while (i < n && isLowerAlphaNumeric(component.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new ImageReferenceException("repository component '" + component + "' in '"
                        + abbreviate(text) + "' is invalid: separators ('.', '_', '__', '-') must stand between"
                        + " letters or digits, and only those characters are allowed");
            }
            if (i == n) {
                return;
            }
            char c = component.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '_') {
                i += (i + 1 < n && component.charAt(i + 1) == '_') ? 2 : 1;
            } else if (c == '-') {
                while (i < n && component.charAt(i) == '-') {
                    i++;
                }
            } else {
                throw new ImageReferenceException("repository component '" + component + "' in '"
                        + abbreviate(text) + "' contains '" + c + "'; only lower-case letters, digits, '.', '_' and"
                        + " '-' are allowed");
            }
            if (i == n) {
                throw new ImageReferenceException("repository component '" + component + "' in '"
                        + abbreviate(text) + "' ends with a separator; it must end with a letter or digit");
            }
        }
    }

    private static void checkTag(String tag, String text) {
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
            throw new ImageReferenceException("tag '" + abbreviate(tag) + "' in '" + abbreviate(text)
                    + "' must have 1 to " + MAX_TAG_LENGTH + " characters");
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean word = isLowerAlphaNumeric(Character.toLowerCase(c)) || c == '_';
            if (!(word || (i > 0 && (c == '.' || c == '-')))) {
                throw new ImageReferenceException("tag '" + abbreviate(tag) + "' in '" + abbreviate(text)
                        + "' is invalid at '" + c + "'; tags use letters, digits, '_', '.' and '-' and do not"
                        + " start with '.' or '-'");
            }
        }
    }

    private static boolean isLowerAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
