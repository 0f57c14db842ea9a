package dev.palisade.sigstore.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials, usually read from a Docker {@code config.json}: {@code auths} entries with
 * {@code auth} (base64 {@code user:password}), {@code username}/{@code password} or
 * {@code identitytoken}. Credential helpers ({@code credHelpers}, {@code credsStore}) are not run;
 * a registry that needs them is reported with a message saying so. Keys are matched by host
 * ({@code https://index.docker.io/v1/}, {@code docker.io} and {@code registry-1.docker.io} all mean
 * Docker Hub). Immutable.
 */
public final class DockerConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DockerConfig EMPTY = new DockerConfig(Map.of(), Map.of(), Optional.empty(), "");

    private final Map<String, RegistryCredentials> auths;
    private final Map<String, String> helpers;
    private final Optional<String> credsStore;
    private final String origin;

    private DockerConfig(Map<String, RegistryCredentials> auths, Map<String, String> helpers,
            Optional<String> credsStore, String origin) {
        this.auths = Map.copyOf(auths);
        this.helpers = Map.copyOf(helpers);
        this.credsStore = credsStore;
        this.origin = origin;
    }

    /**
     * No credentials: every registry is accessed anonymously.
     *
     * @return the empty configuration
     */
    public static DockerConfig empty() {
        return EMPTY;
    }

    /**
     * Reads a Docker {@code config.json}.
     *
     * @param file the {@code config.json} file
     * @return the credentials it holds
     */
    public static DockerConfig load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new RegistryException("cannot read registry credentials from " + file + ": " + e.getMessage()
                    + "; pass a readable Docker config.json", e);
        }
    }

    /**
     * Parses the text of a Docker {@code config.json}; {@code origin} names it in error messages.
     *
     * @param json the file's text
     * @param origin a name for error messages
     * @return the credentials it holds
     */
    public static DockerConfig parse(String json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new RegistryException(origin + " is not valid JSON (" + e.getMessage()
                    + "); a Docker config.json looks like {\"auths\": {\"registry.example\": {\"auth\": \"...\"}}}", e);
        }
        if (root == null || !root.isObject()) {
            throw new RegistryException(origin + " is not a JSON object; a Docker config.json looks like"
                    + " {\"auths\": {\"registry.example\": {\"auth\": \"...\"}}}");
        }
        Map<String, RegistryCredentials> auths = new HashMap<>();
        root.path("auths").fields().forEachRemaining(e -> credentialsOf(e.getValue(), e.getKey(), origin)
                .ifPresent(c -> auths.put(hostKey(e.getKey()), c)));
        Map<String, String> helpers = new HashMap<>();
        root.path("credHelpers").fields().forEachRemaining(e -> helpers.put(hostKey(e.getKey()),
                e.getValue().asText("")));
        String store = root.path("credsStore").asText("");
        return new DockerConfig(auths, helpers, store.isEmpty() ? Optional.empty() : Optional.of(store), origin);
    }

    /**
     * {@return the same configuration with credentials for one more registry host}
     *
     * @param registry the registry host ({@code host[:port]})
     * @param credentials its credentials
     */
    public DockerConfig withCredentials(String registry, RegistryCredentials credentials) {
        Map<String, RegistryCredentials> more = new HashMap<>(auths);
        more.put(hostKey(registry), credentials);
        return new DockerConfig(more, helpers, credsStore, origin);
    }

    /**
     * Credentials for the registry host ({@code registry.example:5000}), if configured.
     *
     * @param registry the registry host
     * @return its credentials, if any
     */
    public Optional<RegistryCredentials> credentialsFor(String registry) {
        return Optional.ofNullable(auths.get(hostKey(registry)));
    }

    /**
     * Why no credentials are available for a registry that asked for them, when the configuration
     * delegates that registry to a credential helper; empty otherwise.
     *
     * @param registry the registry host
     * @return the explanation, if a helper is configured for it
     */
    public Optional<String> unsupportedHelperFor(String registry) {
        String key = hostKey(registry);
        String helper = helpers.get(key);
        if (helper == null && credsStore.isPresent() && !auths.containsKey(key)) {
            helper = credsStore.get();
        }
        if (helper == null) {
            return Optional.empty();
        }
        return Optional.of(origin + " delegates credentials for " + registry + " to the credential helper"
                + " 'docker-credential-" + helper + "', which Palisade does not run; write the credentials into"
                + " an \"auths\" entry of a separate config.json (for example with"
                + " 'docker-credential-" + helper + " get') and pass that file");
    }

    /** Normalises a config key or registry host: no scheme, no path, lower case, Docker Hub as {@code docker.io}. */
    static String hostKey(String key) {
        String host = key.trim().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> host;
        };
    }

    private static Optional<RegistryCredentials> credentialsOf(JsonNode entry, String key, String origin) {
        String identityToken = entry.path("identitytoken").asText("");
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(origin + ": \"auths\".\"" + key + "\".auth is not base64; it must be"
                        + " base64 of 'user:password'", e);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RegistryException(origin + ": \"auths\".\"" + key + "\".auth does not decode to"
                        + " 'user:password'");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (!identityToken.isEmpty()) {
            return Optional.of(new RegistryCredentials(username, password, Optional.of(identityToken)));
        }
        if (username.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RegistryCredentials.basic(username, password));
    }
}
