package dev.palisade.sigstore.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.registry.RegistryCredentials;
import dev.palisade.sigstore.registry.RegistryException;
import dev.palisade.sigstore.registry.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP exchanges with registries: URL building (HTTPS, or HTTP for hosts allowed to be insecure),
 * the {@code WWW-Authenticate} flow (Bearer tokens cached per realm, service and scope until they
 * expire; Basic), redirects (credentials are not sent to another host), bounded retries with
 * exponential backoff on 429, 5xx and I/O errors ({@code Retry-After} respected), and size-capped
 * bodies. Thread-safe.
 */
public final class HttpTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final long MAX_TOKEN_RESPONSE_BYTES = 1 << 20;
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final Duration TOKEN_EXPIRY_MARGIN = Duration.ofSeconds(5);

    /** One HTTP request to send. */
    public record Request(String method, URI uri, Map<String, String> headers, Optional<byte[]> body) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /** What came back; the body is empty for HEAD. */
    public record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final RegistryOptions options;
    private final HttpClient http;
    private final TtlCache<String, String> tokens;
    private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
    private final Set<String> plainHttp = ConcurrentHashMap.newKeySet();

    public HttpTransport(RegistryOptions options) {
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout());
        options.caCertificates().ifPresent(pem -> builder.sslContext(TrustStores.fromPem(pem)));
        this.http = builder.build();
        this.tokens = new TtlCache<>(1024, options.clock());
    }

    /**
     * The base URL of a registry's API: {@code http://host} for a host listed as insecure;
     * {@code https://host} otherwise, switched to {@code http://host} when every host may be
     * insecure ({@code *}) and this one turned out not to speak TLS.
     */
    public URI base(String registry) {
        String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        boolean plain = plainHttp.contains(registry) || options.insecureRegistries().contains(registry.toLowerCase(Locale.ROOT));
        return URI.create((plain ? "http://" : "https://") + host);
    }

    /**
     * Sends a request to a registry with authentication, redirects and retries.
     *
     * @param registry the registry host, for credentials and challenges
     * @param scope the token scope this request needs ({@code repository:team/app:pull})
     * @param maxBytes largest body accepted
     */
    public Response send(String registry, String scope, Request request, long maxBytes) {
        int attempt = 1;
        Request current = request;
        while (true) {
            Response response;
            try {
                response = sendAuthenticated(registry, scope, current, maxBytes);
            } catch (IOException e) {
                if (fallsBackToHttp(registry, current, e)) {
                    plainHttp.add(registry);
                    current = new Request(current.method(), toHttp(current.uri()), current.headers(), current.body());
                    continue;
                }
                if (attempt >= options.maxAttempts()) {
                    throw new RegistryException(current.method() + " " + current.uri() + " failed after " + attempt
                            + " attempt(s): " + describe(e) + hint(registry), e);
                }
                sleep(backoff(attempt, Optional.empty()));
                attempt++;
                continue;
            }
            if ((response.status() == 429 || response.status() >= 500) && attempt < options.maxAttempts()) {
                sleep(backoff(attempt, response.header("Retry-After")));
                attempt++;
                continue;
            }
            return response;
        }
    }

    /** An insecure registry is tried over HTTPS first and over plain HTTP when TLS fails or is refused. */
    private boolean fallsBackToHttp(String registry, Request request, IOException e) {
        return options.isInsecure(registry) && request.uri().getScheme().equals("https")
                && speaksNoTls(e);
    }

    private static boolean speaksNoTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static URI toHttp(URI uri) {
        return URI.create("http" + uri.toString().substring("https".length()));
    }

    private Response sendAuthenticated(String registry, String scope, Request request, long maxBytes)
            throws IOException {
        Optional<String> authorization = cachedAuthorization(registry, scope);
        Response response = follow(request, authorization, maxBytes);
        if (response.status() != 401) {
            return response;
        }
        AuthChallenge challenge = response.header("WWW-Authenticate").flatMap(AuthChallenge::parse)
                .orElseThrow(() -> new RegistryException(registry + " answered 401 to " + request.method() + " "
                        + request.uri() + " without a WWW-Authenticate challenge", 401, null));
        challenges.put(registry, challenge);
        String fresh = authorize(registry, scope, challenge, authorization.isPresent());
        response = follow(request, Optional.of(fresh), maxBytes);
        if (response.status() == 401 || response.status() == 403) {
            throw new RegistryException(registry + " refused the credentials for " + request.method() + " "
                    + request.uri() + " (HTTP " + response.status() + "); check the user, password or token"
                    + " configured for " + registry, response.status(), null);
        }
        return response;
    }

    private Optional<String> cachedAuthorization(String registry, String scope) {
        AuthChallenge challenge = challenges.get(registry);
        if (challenge == null) {
            return Optional.empty();
        }
        if (challenge.scheme().equals("basic")) {
            return options.credentials().credentialsFor(registry).map(HttpTransport::basic);
        }
        return tokens.get(tokenKey(challenge, scope)).map(t -> "Bearer " + t);
    }

    /** @param staleToken a cached token was just refused, so a new one must be fetched */
    private String authorize(String registry, String scope, AuthChallenge challenge, boolean staleToken)
            throws IOException {
        Optional<RegistryCredentials> credentials = options.credentials().credentialsFor(registry);
        switch (challenge.scheme()) {
            case "basic" -> {
                return basic(credentials.orElseThrow(() -> missingCredentials(registry)));
            }
            case "bearer" -> {
                return "Bearer " + fetchToken(registry, scopeFor(challenge, scope), scope, challenge, credentials,
                        staleToken);
            }
            default -> throw new RegistryException(registry + " asks for '" + challenge.scheme()
                    + "' authentication; Palisade supports Bearer and Basic", 401, null);
        }
    }

    private static String scopeFor(AuthChallenge challenge, String scope) {
        String offered = challenge.parameter("scope");
        return offered.isEmpty() ? scope : offered;
    }

    private String fetchToken(String registry, String scope, String requestedScope, AuthChallenge challenge,
            Optional<RegistryCredentials> credentials, boolean staleToken) throws IOException {
        String realm = challenge.parameter("realm");
        if (realm.isEmpty()) {
            throw new RegistryException(registry + " sent a Bearer challenge without a realm", 401, null);
        }
        String key = tokenKey(challenge, scope);
        Optional<String> cached = staleToken ? Optional.empty() : tokens.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        String service = challenge.parameter("service");
        Request request;
        if (credentials.isPresent() && credentials.get().identityToken().isPresent()) {
            String form = "grant_type=refresh_token&client_id=palisade&refresh_token="
                    + encode(credentials.get().identityToken().get()) + "&service=" + encode(service)
                    + "&scope=" + encode(scope);
            request = new Request("POST", URI.create(realm), Map.of("Content-Type",
                    "application/x-www-form-urlencoded"), Optional.of(form.getBytes(StandardCharsets.UTF_8)));
        } else {
            StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
            url.append("service=").append(encode(service));
            if (!scope.isEmpty()) {
                url.append("&scope=").append(encode(scope));
            }
            request = new Request("GET", URI.create(url.toString()),
                    credentials.map(c -> Map.of("Authorization", basic(c))).orElse(Map.of()), Optional.empty());
        }
        Response response = follow(request, Optional.empty(), MAX_TOKEN_RESPONSE_BYTES);
        if (response.status() == 401 || response.status() == 403) {
            if (credentials.isEmpty()) {
                throw missingCredentials(registry);
            }
            throw new RegistryException("the token service " + realm + " of " + registry + " refused the credentials"
                    + " (HTTP " + response.status() + "); check the user and password configured for " + registry,
                    response.status(), null);
        }
        if (response.status() != 200) {
            throw new RegistryException("the token service " + realm + " of " + registry + " answered HTTP "
                    + response.status(), response.status(), null);
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException("the token service " + realm + " of " + registry
                    + " returned no token or access_token");
        }
        Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong()) : DEFAULT_TOKEN_LIFETIME;
        Instant issued = Instant.now(options.clock());
        if (body.hasNonNull("issued_at")) {
            try {
                issued = Instant.parse(body.path("issued_at").asText());
            } catch (DateTimeParseException ignored) {
                // a malformed issue time is read as "now"
            }
        }
        Duration remaining = Duration.between(Instant.now(options.clock()), issued.plus(lifetime))
                .minus(TOKEN_EXPIRY_MARGIN);
        if (!remaining.isNegative() && !remaining.isZero()) {
            tokens.put(key, token, remaining);
            tokens.put(tokenKey(challenge, requestedScope), token, remaining);
        }
        return token;
    }

    private RegistryException missingCredentials(String registry) {
        String why = options.credentials().unsupportedHelperFor(registry).orElse("no credentials are configured for "
                + registry + "; add an \"auths\" entry for it to the Docker config.json given with"
                + " --registry-config");
        return new RegistryException(registry + " requires authentication: " + why, 401, null);
    }

    private static String tokenKey(AuthChallenge challenge, String scope) {
        return challenge.parameter("realm") + "\n" + challenge.parameter("service") + "\n" + scope;
    }

    private Response follow(Request request, Optional<String> authorization, long maxBytes) throws IOException {
        Request current = request;
        Optional<String> auth = authorization;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Response response = exchange(current, auth, maxBytes);
            int status = response.status();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            Optional<String> location = response.header("Location");
            if (!redirect || location.isEmpty() || !(current.method().equals("GET")
                    || current.method().equals("HEAD"))) {
                return response;
            }
            URI next = current.uri().resolve(location.get());
            if (!Objects.equals(next.getAuthority(), current.uri().getAuthority())) {
                auth = Optional.empty();
            }
            if (current.uri().getScheme().equals("https") && !next.getScheme().equals("https")) {
                throw new RegistryException(current.uri() + " redirects to plain HTTP (" + next + "); refusing");
            }
            current = new Request(current.method(), next, current.headers(), Optional.empty());
        }
        throw new RegistryException(request.uri() + " redirects more than " + MAX_REDIRECTS + " times");
    }

    private Response exchange(Request request, Optional<String> authorization, long maxBytes) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(options.requestTimeout());
        request.headers().forEach(builder::header);
        authorization.ifPresent(a -> builder.header("Authorization", a));
        builder.method(request.method(), request.body().map(HttpRequest.BodyPublishers::ofByteArray)
                .orElse(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<InputStream> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted during " + request.method() + " " + request.uri(), e);
        }
        try (InputStream in = response.body()) {
            if (request.method().equals("HEAD")) {
                return new Response(response.statusCode(), response.headers(), new byte[0], request.uri());
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > maxBytes && response.statusCode() < 300) {
                throw tooLarge(request, maxBytes);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes && response.statusCode() < 300) {
                throw tooLarge(request, maxBytes);
            }
            return new Response(response.statusCode(), response.headers(), body, request.uri());
        }
    }

    private static RegistryException tooLarge(Request request, long maxBytes) {
        return new RegistryException(request.uri() + " returned more than " + maxBytes + " bytes, the configured"
                + " limit; raise the limit in RegistryOptions if the content is expected to be that large");
    }

    private Duration backoff(int attempt, Optional<String> retryAfter) {
        Duration exponential = options.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        Duration wait = retryAfter.flatMap(this::parseRetryAfter).orElse(exponential);
        return wait.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : wait;
    }

    private Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(options.clock()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry", e);
        }
    }

    private static String basic(RegistryCredentials credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private String hint(String registry) {
        if (options.isInsecure(registry)) {
            return "";
        }
        return "; if " + registry + " serves plain HTTP, allow it with --allow-insecure-registry, and if it uses a"
                + " private CA, pass its certificate";
    }
}
