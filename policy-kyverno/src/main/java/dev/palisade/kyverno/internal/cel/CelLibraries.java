package dev.palisade.kyverno.internal.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.kyverno.jmespath.internal.GoJson;
import dev.palisade.kyverno.jmespath.internal.RegexGenerator;
import dev.palisade.kyverno.jmespath.internal.X509Json;
import dev.palisade.kyverno.jmespath.internal.YamlToJson;
import dev.palisade.lang.Bytes;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.FunctionCost;
import dev.palisade.lang.HostFunction;
import dev.palisade.lang.NullValue;
import dev.palisade.lang.Values;
import dev.palisade.sigstore.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Kyverno's CEL libraries ({@code github.com/kyverno/sdk/extensions/cel/libs}) as host functions of
 * Palisade's rule language, one declaration per function and arity with its cost, and the
 * declarations of Kyverno's CEL policy kinds. Functions that read the cluster or the network are
 * members of context variables ({@code resource}, {@code globalContext}, {@code http},
 * {@code image}, {@code generator}) bound per evaluation to a {@link CelContext}; offline they are
 * served from the inventory or a test's context file, and refused with a clear error otherwise.
 */
public final class CelLibraries {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Kubernetes' cost of a traversal: 0.1 per character or element. */
    private static final double PER_CHARACTER = 0.1;

    /** The variables of a ValidatingPolicy, MutatingPolicy, GeneratingPolicy or PolicyException. */
    static final List<String> VARIABLES = List.of("object", "oldObject", "request", "namespaceObject", "variables",
            "exceptions", "resource", "globalContext", "http", "image", "json", "yaml", "generator", "params",
            "authorizer");

    private static final Declarations DECLARATIONS = build();

    private CelLibraries() {
    }

    /** The declarations of Kyverno's CEL policies: variables, libraries, lenient {@code orValue}, objects. */
    public static Declarations declarations() {
        return DECLARATIONS;
    }

    /** The JSON and YAML receivers ({@code json.unmarshal(s)}, {@code yaml.parse(s)}). */
    enum Codec {
        JSON, YAML
    }

    private static Declarations build() {
        Declarations.Builder b = Declarations.builder();
        for (String v : VARIABLES) {
            b.variable(v);
        }
        b.lenientOrValue();
        b.objectTypes("Object", "JSONPatch");
        // context members: resource.Get/List/Post, globalContext.Get, http.Get/Post/Client, image.GetMetadata
        for (String name : List.of("Get", "get")) {
            b.function(member(name, 1, "http.Get(url): a test's mock, else refused (Palisade makes no HTTP calls)",
                    a -> ctx(a).httpGet(str(a, 1))));
            b.function(member(name, 2, "globalContext.Get(name, projection), or http.Get(url, headers)",
                    a -> a.get(0) instanceof CelContext.Http h ? h.get(str(a, 1))
                            : ctx(a).globalContext(str(a, 1), str(a, 2))));
            b.function(member(name, 4, "resource.Get(apiVersion, resource, namespace, name): a resource of the"
                    + " inventory or the test's context", a -> ctx(a).get(str(a, 1), str(a, 2), str(a, 3), str(a, 4))));
        }
        for (String name : List.of("List", "list")) {
            b.function(member(name, 3, "resource.List(apiVersion, resource, namespace): {items: [...]} from the"
                    + " inventory or the test's context", a -> ctx(a).list(str(a, 1), str(a, 2), str(a, 3), Map.of())));
            b.function(member(name, 4, "resource.List(apiVersion, resource, namespace, labels)",
                    a -> ctx(a).list(str(a, 1), str(a, 2), str(a, 3), labels(a.get(4)))));
        }
        for (String name : List.of("Post", "post")) {
            b.function(member(name, 2, "http.Post(url, body): a test's mock, else refused offline",
                    a -> ctx(a).httpPost(str(a, 1))));
            b.function(member(name, 3, "http.Post(url, body, headers): a test's mock, else refused offline",
                    a -> ctx(a).httpPost(str(a, 1))));
            b.function(member(name, 4, "resource.Post(apiVersion, resource, namespace, body): refused offline",
                    a -> ctx(a).post(str(a, 1), str(a, 2))));
        }
        for (String name : List.of("Client", "client")) {
            b.function(member(name, 1, "http.Client(caBundle): the same http client (mocks only offline)",
                    a -> ctx(a).http()));
        }
        for (String name : List.of("ToGVR", "toGVR")) {
            b.function(member(name, 2, "resource.ToGVR(apiVersion, kind): {group, version, resource}",
                    a -> CelContext.toGvr(str(a, 1), str(a, 2))));
        }
        for (String name : List.of("GetMetadata", "getMetadata")) {
            b.function(member(name, 1, "image.GetMetadata(ref): image data from the test's context (needs a"
                    + " registry otherwise)", a -> ctx(a).imageData(str(a, 1))));
        }
        for (String name : List.of("Apply", "apply")) {
            b.function(member(name, 2, "generator.Apply(namespace, resources): generates the resources",
                    a -> ctx(a).generate(str(a, 1), Values.toJson(a.get(2)))));
        }
        b.function(HostFunction.member("unmarshal", 1).doc("json.unmarshal(s): the JSON value of s")
                .cost(FunctionCost.linear(1, 1, PER_CHARACTER)).implementation(a -> {
                    codec(a, Codec.JSON);
                    return GoJson.parse(str(a, 1));
                }));
        b.function(HostFunction.member("marshal", 1).doc("json.marshal(v): v as JSON text")
                .cost(FunctionCost.linear(1, 1, 1)).implementation(a -> {
                    codec(a, Codec.JSON);
                    return GoJson.marshal(Values.toJson(a.get(1)));
                }));
        b.function(HostFunction.member("parse", 1).doc("yaml.parse(s): the YAML value of s")
                .cost(FunctionCost.linear(1, 1, PER_CHARACTER)).implementation(a -> {
                    codec(a, Codec.YAML);
                    return YamlToJson.parse(str(a, 1));
                }));
        // images
        b.function(HostFunction.global("image", 1).doc("image(ref): an image reference (deprecated name)")
                .cost(FunctionCost.linear(1, 0, PER_CHARACTER)).implementation(a -> KyvernoImage.parse(str(a, 0))));
        b.function(HostFunction.global("parseImageReference", 1).doc("parseImageReference(ref): an image reference")
                .cost(FunctionCost.linear(1, 0, PER_CHARACTER)).implementation(a -> KyvernoImage.parse(str(a, 0))));
        b.function(HostFunction.global("isImage", 1).doc("isImage(s): whether s is an image reference")
                .cost(FunctionCost.linear(1, 0, PER_CHARACTER)).implementation(a -> KyvernoImage.isImage(str(a, 0))));
        b.function(imageMember("containsDigest", "whether the reference has a digest", KyvernoImage::containsDigest));
        b.function(imageMember("registry", "the registry (index.docker.io for Docker Hub)", KyvernoImage::registry));
        b.function(imageMember("repository", "the repository (library/nginx)", KyvernoImage::repository));
        b.function(imageMember("identifier", "the digest, else the tag", KyvernoImage::identifier));
        b.function(imageMember("tag", "the tag (latest by default; empty with a digest)", KyvernoImage::tag));
        b.function(imageMember("digest", "the digest, or empty", KyvernoImage::digest));
        // user
        for (String name : List.of("parseServiceAccount", "user.parseServiceAccount")) {
            b.function(HostFunction.global(name, 1).doc(name + "(user): {namespace, name} of a service account user")
                    .cost(FunctionCost.linear(1, 0, PER_CHARACTER))
                    .implementation(a -> parseServiceAccount(str(a, 0))));
        }
        // hash
        for (String prefix : List.of("", "hash.")) {
            for (String[] alg : new String[][] {{"sha1", "SHA-1"}, {"sha256", "SHA-256"}, {"md5", "MD5"}}) {
                b.function(HostFunction.global(prefix + alg[0], 1).doc(alg[0] + "(s): the hex digest of s")
                        .cost(FunctionCost.linear(1, 0, PER_CHARACTER))
                        .implementation(a -> digest(alg[1], str(a, 0))));
            }
        }
        b.function(HostFunction.global("math.round", 2).doc("math.round(x, digits): x rounded half away from zero")
                .implementation(a -> round(a.get(0), a.get(1))));
        for (String name : List.of("random", "random.random")) {
            b.function(HostFunction.global(name, 0).doc(name + "(): a random string of [0-9a-z]{8}").impure()
                    .implementation(a -> RegexGenerator.generate("[0-9a-z]{8}", new java.security.SecureRandom())));
            b.function(HostFunction.global(name, 1).doc(name + "(pattern): a random string matching the pattern")
                    .impure().cost(FunctionCost.linear(1, 0, 1))
                    .implementation(a -> RegexGenerator.generate(str(a, 0), new java.security.SecureRandom())));
        }
        b.function(HostFunction.global("x509.decode", 1).doc("x509.decode(pem): the certificate as Go's x509 JSON")
                .cost(FunctionCost.linear(1, 0, PER_CHARACTER)).implementation(a -> X509Json.decode(str(a, 0))));
        b.function(HostFunction.global("time.now", 0).doc("time.now(): the current time").impure()
                .implementation(a -> Instant.now()));
        b.function(HostFunction.global("time.toCron", 1).doc("time.toCron(t): 'minute hour day month weekday' (UTC)")
                .implementation(a -> toCron(a.get(0))));
        b.function(HostFunction.global("time.truncate", 2).doc("time.truncate(t, d): t rounded down to a multiple"
                + " of d since the zero time").implementation(a -> truncate(a.get(0), a.get(1))));
        for (String name : List.of("listObjToMap", "transform.listObjToMap")) {
            b.function(HostFunction.global(name, 4).doc(name + "(keys, values, keyField, valueField): a map")
                    .cost(FunctionCost.linear(1, 0, 1)).implementation(a -> listObjToMap(a)));
        }
        b.function(HostFunction.global("gzip.compress", 1).doc("gzip.compress(v): gzip of a string or bytes")
                .cost(FunctionCost.linear(1, 0, 1)).implementation(a -> gzip(a.get(0))));
        b.function(HostFunction.global("gzip.decompress", 1).doc("gzip.decompress(b): the text of gzipped bytes")
                .cost(FunctionCost.linear(1, 0, 1)).implementation(a -> gunzip(a.get(0))));
        b.function(HostFunction.global("jsonpatch.escapeKey", 1).doc("jsonpatch.escapeKey(k): k with ~ as ~0 and /"
                + " as ~1 (RFC 6901)").cost(FunctionCost.linear(1, 0, PER_CHARACTER))
                .implementation(a -> str(a, 0).replace("~", "~0").replace("/", "~1")));
        return b.build();
    }

    private static HostFunction member(String name, int parameters, String doc, HostFunction.Implementation body) {
        return HostFunction.member(name, parameters).doc(doc).impure().cost(FunctionCost.fixed(1)).implementation(body);
    }

    private static HostFunction imageMember(String name, String doc, java.util.function.Function<KyvernoImage, Object> f) {
        return HostFunction.member(name, 0).doc("image." + name + "(): " + doc).implementation(a -> {
            if (a.get(0) instanceof KyvernoImage image) {
                return f.apply(image);
            }
            throw new IllegalArgumentException("no such overload: " + name + "() takes an image (image('...'))");
        });
    }

    private static CelContext ctx(List<Object> a) {
        Object receiver = a.get(0);
        if (receiver instanceof CelContext c) {
            return c;
        }
        if (receiver instanceof CelContext.Http h) {
            return h.context();
        }
        throw new IllegalArgumentException("no such overload: the receiver is not one of Kyverno's context variables"
                + " (resource, globalContext, http, image, generator)");
    }

    private static void codec(List<Object> a, Codec expected) {
        if (a.get(0) != expected) {
            throw new IllegalArgumentException("no such overload: call it as " + (expected == Codec.JSON
                    ? "json.unmarshal(s) / json.marshal(v)" : "yaml.parse(s)"));
        }
    }

    static String str(List<Object> a, int i) {
        Object v = a.get(i);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("no such overload: argument " + i + " must be a string, not "
                + typeName(v));
    }

    private static String typeName(Object v) {
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "double";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof NullValue || v == null) {
            return "null";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "map";
        }
        return v.getClass().getSimpleName();
    }

    private static Map<String, String> labels(Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        }
        return out;
    }

    /** Kyverno's {@code user.ServiceAccount}: Go field names {@code Namespace} and {@code Name}. */
    private static JsonNode parseServiceAccount(String user) {
        ObjectNode out = NODES.objectNode();
        String namespace = "";
        String name = "";
        String prefix = "system:serviceaccount:";
        if (user.startsWith(prefix)) {
            String rest = user.substring(prefix.length());
            int sep = rest.indexOf(':');
            if (sep >= 0) {
                namespace = rest.substring(0, sep);
                name = rest.substring(sep + 1);
            }
        }
        out.put("Name", name);
        out.put("Namespace", namespace);
        return out;
    }

    private static String digest(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object round(Object value, Object digits) {
        if (!(value instanceof Double d) || !(digits instanceof Long n)) {
            throw new IllegalArgumentException("no such overload: math.round(double, int)");
        }
        if (d.isNaN() || d.isInfinite()) {
            return d;
        }
        return BigDecimal.valueOf(d).setScale((int) Math.max(-300, Math.min(300, n)), RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static Object toCron(Object t) {
        if (!(t instanceof Instant i)) {
            throw new IllegalArgumentException("no such overload: time.toCron(timestamp)");
        }
        ZonedDateTime z = i.atZone(ZoneOffset.UTC);
        return z.getMinute() + " " + z.getHour() + " " + z.getDayOfMonth() + " " + z.getMonthValue() + " "
                + (z.getDayOfWeek().getValue() % 7);
    }

    private static Object truncate(Object t, Object d) {
        if (!(t instanceof Instant i) || !(d instanceof Duration dur)) {
            throw new IllegalArgumentException("no such overload: time.truncate(timestamp, duration)");
        }
        if (dur.isZero() || dur.isNegative()) {
            return i;
        }
        // Go's Time.Truncate counts from the zero time (year 1), which is a whole number of days and
        // of 2^n seconds apart from the Unix epoch for every divisor that divides a day
        long zeroToEpochSeconds = 62135596800L;
        java.math.BigInteger nanos = java.math.BigInteger.valueOf(i.getEpochSecond() + zeroToEpochSeconds)
                .multiply(java.math.BigInteger.valueOf(1_000_000_000L)).add(java.math.BigInteger.valueOf(i.getNano()));
        java.math.BigInteger step = java.math.BigInteger.valueOf(dur.getSeconds())
                .multiply(java.math.BigInteger.valueOf(1_000_000_000L)).add(java.math.BigInteger.valueOf(dur.getNano()));
        java.math.BigInteger truncated = nanos.subtract(nanos.mod(step));
        java.math.BigInteger[] qr = truncated.divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
        return Instant.ofEpochSecond(qr[0].longValueExact() - zeroToEpochSeconds, qr[1].longValueExact());
    }

    private static Object listObjToMap(List<Object> a) {
        if (!(a.get(0) instanceof List<?> keys) || !(a.get(1) instanceof List<?> values)) {
            throw new IllegalArgumentException("no such overload: listObjToMap(list, list, string, string)");
        }
        String keyField = str(a, 2);
        String valueField = str(a, 3);
        ObjectNode out = NODES.objectNode();
        for (List<?> list : List.of(keys, values)) {
            for (Object item : list) {
                JsonNode o = Values.toJson(item);
                JsonNode k = o.get(keyField);
                if (k == null || !k.isTextual()) {
                    continue;
                }
                out.set(k.asText(), o.has(valueField) ? o.get(valueField) : NODES.nullNode());
            }
        }
        return out;
    }

    private static Object gzip(Object v) {
        byte[] input = v instanceof Bytes b ? b.toByteArray() : v instanceof String s
                ? s.getBytes(StandardCharsets.UTF_8) : GoJson.marshal(Values.toJson(v)).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(input);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Bytes.of(out.toByteArray());
    }

    private static Object gunzip(Object v) {
        if (!(v instanceof Bytes b)) {
            throw new IllegalArgumentException("no such overload: gzip.decompress(bytes)");
        }
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            byte[] buf = z.readNBytes(16 << 20);
            if (z.read() >= 0) {
                throw new IllegalArgumentException("decompressed data exceeds 16 MiB");
            }
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid gzip data: " + e.getMessage());
        }
    }

    /** Kyverno's image values ({@code kyverno.image}): go-containerregistry's reading of a reference. */
    record KyvernoImage(ImageReference reference, String text) {
        static KyvernoImage parse(String text) {
            return new KyvernoImage(ImageReference.parse(text), text);
        }

        static boolean isImage(String text) {
            try {
                ImageReference.parse(text);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        boolean containsDigest() {
            return reference.digest().isPresent();
        }

        String registry() {
            return reference.registry().equals(ImageReference.DOCKER_HUB) ? "index.docker.io" : reference.registry();
        }

        String repository() {
            return reference.repository();
        }

        String identifier() {
            return reference.digest().map(Object::toString).orElseGet(this::tag);
        }

        String tag() {
            if (reference.digest().isPresent()) {
                return "";
            }
            return reference.tag().orElse(ImageReference.DEFAULT_TAG);
        }

        String digest() {
            return reference.digest().map(Object::toString).orElse("");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
