package dev.palisade.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns the file names resources were read from into paths relative to the base directory, and
 * into relative URI references for SARIF. Names in angle brackets ({@code <stdin>}) are not files;
 * rendered documents ({@code SourceLocation.rendered}) point at their template.
 */
final class ArtifactPaths {
    private final Path base;
    private final Path realBase;

    ArtifactPaths(Path baseDirectory) {
        this.base = baseDirectory;
        this.realBase = realPath(baseDirectory);
    }

    /** Whether the name denotes a file on disk rather than a stream or a host object. */
    static boolean isFile(String file) {
        return !file.isEmpty() && !file.startsWith("<");
    }

    /**
     * The file relative to the base directory with {@code /} separators, if it lies under it.
     * Relative file names are taken as given by the user: relative to the working directory.
     */
    Optional<String> relative(String file) {
        if (!isFile(file)) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (path.startsWith(base)) {
            return Optional.of(slashes(base.relativize(path)));
        }
        Path real = realPath(path);
        if (real.startsWith(realBase)) {
            return Optional.of(slashes(realBase.relativize(real)));
        }
        return Optional.empty();
    }

    /**
     * Where a SARIF artifact location points: a relative URI under the base directory's id, or an
     * absolute {@code file:} URI for files outside it; empty for names that are not file paths.
     */
    Optional<Artifact> artifact(String locationFile, String baseId) {
        // a document rendered from a template points at the template, the file in the repository
        String file = dev.palisade.core.SourceLocation.templateOf(locationFile).orElse(locationFile);
        Optional<String> relative = relative(file);
        if (relative.isPresent()) {
            return Optional.of(new Artifact(encodeRelative(relative.get()), Optional.of(baseId)));
        }
        if (!isFile(file)) {
            return Optional.empty();
        }
        try {
            String uri = realPath(Path.of(file).toAbsolutePath().normalize()).toUri().toASCIIString();
            return Optional.of(new Artifact(uri, Optional.empty()));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** A SARIF {@code artifactLocation}: its URI and, for relative URIs, the base id. */
    record Artifact(String uri, Optional<String> uriBaseId) {
    }

    /** The base directory's {@code file:} URI, ending in {@code /}. */
    String baseUri() {
        String uri = realBase.toUri().toASCIIString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The path as a relative URI reference: every byte outside the unreserved set percent-encoded. */
    static String encodeRelative(String relativePath) {
        StringBuilder out = new StringBuilder(relativePath.length() + 8);
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static Path realPath(Path path) {
        try {
            return Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException | SecurityException e) {
            return path;
        }
    }
}
