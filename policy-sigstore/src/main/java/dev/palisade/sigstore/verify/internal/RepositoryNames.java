package dev.palisade.sigstore.verify.internal;

import java.util.Locale;

/**
 * Compares docker references the way image references normalise: a first component with a dot, a
 * colon or {@code localhost} is a registry, otherwise Docker Hub ({@code docker.io}, single names
 * under {@code library/}); a digest suffix is ignored.
 */
public final class RepositoryNames {
    private RepositoryNames() {
    }

    /** Whether two references name the same repository (and, when {@code exact}, the same tag). */
    public static boolean matches(String signed, String image, boolean exact) {
        String[] a = normalise(signed);
        String[] b = normalise(image);
        if (a == null || b == null || !a[0].equals(b[0])) {
            return false;
        }
        return !exact || a[1].equals(b[1]);
    }

    /** {repository, tag} with Docker Hub defaults; tag "" when absent; null when empty. */
    static String[] normalise(String reference) {
        String name = reference.strip();
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        if (name.isEmpty()) {
            return null;
        }
        String tag = "";
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String registry;
        String path;
        if (hasRegistry) {
            registry = first.toLowerCase(Locale.ROOT);
            path = name.substring(slash + 1);
        } else {
            registry = "docker.io";
            path = name;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = "docker.io";
        }
        if (registry.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        return new String[] {registry + "/" + path, tag};
    }
}
