package dev.palisade.kyverno.jmespath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.kyverno.jmespath.internal.GoJson;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kyverno's functions, with cases written from Kyverno's documentation and Go's semantics. */
class KyvernoFunctionsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T10:20:30Z"), ZoneOffset.UTC);
    private static final JmesPath JP = JmesPath.builder()
            .clock(CLOCK)
            .random(new Random(42))
            .hostResolver(host -> switch (host) {
                case "internal.example" -> List.of(InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3}));
                case "public.example" -> List.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}));
                default -> throw new java.net.UnknownHostException(host);
            })
            .build();

    static String eval(String expr) {
        return GoJson.marshal(JP.search(expr, Json.parse("{\"labels\": {\"app\": \"web\", \"tier\": \"front\"},"
                + " \"n\": 3, \"s\": \"Hello World\", \"arr\": [\"b\", \"a\"]}")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        // strings
        "compare('a', 'b') => -1",
        "compare('b', 'b') => 0",
        "equal_fold('Go', 'GO') => true",
        "equal_fold('Go', 'Ga') => false",
        "replace('oink oink oink', 'k', 'ky', `2`) => \"oinky oinky oink\"",
        "replace('oink oink oink', 'oink', 'moo', `-1`) => \"moo moo moo\"",
        "replace('abc', '', '-', `-1`) => \"-a-b-c-\"",
        "replace_all('Lorem ipsum dolor sit amet', 'ipsum', 'muspi') => \"Lorem muspi dolor sit amet\"",
        "to_upper(s) => \"HELLO WORLD\"",
        "to_lower(s) => \"hello world\"",
        "trim('¡¡¡Hello, Gophers!!!', '!¡') => \"Hello, Gophers\"",
        "trim_prefix('registry.io/app', 'registry.io/') => \"app\"",
        "trim_prefix('registry.io/app', 'other/') => \"registry.io/app\"",
        "split('a,b,c', ',') => [\"a\",\"b\",\"c\"]",
        "split('abc', '') => [\"a\",\"b\",\"c\"]",
        "split('', ',') => [\"\"]",
        "truncate('Lorem ipsum dolor', `5`) => \"Lorem\"",
        "truncate('abc', `10`) => \"abc\"",
        "truncate('abc', `-1`) => \"\"",
        "path_canonicalize('/var//lib/../log/./x') => \"/var/log/x\"",
        "path_canonicalize('a/../..') => \"..\"",
        "path_canonicalize('') => \"\"",
        // regular expressions (RE2, as Go)
        "regex_match('^[0-9]+$', '1234') => true",
        "regex_match('^[0-9]+$', `1234`) => true",
        "regex_match('^1.5$', `1.5`) => true",
        "regex_match('b+', 'abbbc') => true",
        "regex_match('^x', 'abc') => false",
        "regex_replace_all('([a-z]+)-([0-9]+)', 'abc-123 de-45', '${2}_$1') => \"123_abc 45_de\"",
        "regex_replace_all('a(x*)b', '-ab-axxb-', '$1W') => \"---\"",
        "regex_replace_all('a(x*)b', '-ab-axxb-', '${1}W') => \"-W-xxW-\"",
        "regex_replace_all('(?P<first>[a-z]+)', 'go', '<$first>') => \"\\u003cgo\\u003e\"",
        "regex_replace_all('x*', 'abc', '-') => \"-a-b-c-\"",
        "regex_replace_all_literal('a(x*)b', '-ab-axxb-', '$1W') => \"-$1W-$1W-\"",
        "regex_replace_all('^([0-9]+)', `42`, 'n') => \"n\"",
        "pattern_match('prod-*', 'prod-web') => true",
        "pattern_match('prod-?', 'prod-12') => false",
        "pattern_match('*.example.com', 'a.b.example.com') => true",
        "pattern_match('', '') => true",
        // objects and arrays
        "label_match(`{\"app\": \"web\"}`, labels) => true",
        "label_match(`{\"app\": \"db\"}`, labels) => false",
        "label_match(`{}`, labels) => true",
        "lookup(labels, 'app') => \"web\"",
        "lookup(labels, 'none') => null",
        "lookup(arr, `1`) => \"a\"",
        "lookup(arr, `5`) => null",
        "items(labels, 'key', 'value') => [{\"key\":\"app\",\"value\":\"web\"},{\"key\":\"tier\",\"value\":\"front\"}]",
        "items(arr, 'i', 'v') => [{\"i\":0,\"v\":\"b\"},{\"i\":1,\"v\":\"a\"}]",
        "object_from_lists(`[\"a\", \"b\", \"c\"]`, `[1, 2]`) => {\"a\":1,\"b\":2,\"c\":null}",
        "object_from_lists(`[1.5]`, `[true]`) => {\"1.5\":true}",
        "to_boolean('TruE') => true",
        "to_boolean('false') => false",
        // arithmetic: numbers, quantities, durations
        "add(`1`, `2`) => 3",
        "add('10Mi', '5Mi') => \"15Mi\"",
        "add('1Gi', '512Mi') => \"1536Mi\"",
        "add('500m', '1') => \"1500m\"",
        "add('1h', '30m0s') => \"1h30m0s\"",
        "add('1.5', '1.5') => \"3\"",
        "subtract('1Gi', '512Mi') => \"512Mi\"",
        "subtract('2h', '1h30m') => \"30m0s\"",
        "subtract(`10`, `2.5`) => 7.5",
        "subtract('100m', '1') => \"-900m\"",
        "multiply('10Mi', `3`) => \"30Mi\"",
        "multiply(`2`, '1.5Gi') => \"3Gi\"",
        "multiply('250m', `4`) => \"1\"",
        "multiply('1h', `1.5`) => \"1h30m0s\"",
        "multiply(`3`, `4`) => 12",
        "divide('10Mi', '2Mi') => 5",
        "divide('1Gi', `4`) => \"256Mi\"",
        "divide('1', `3`) => \"0\"",
        "divide('1h', '30m0s') => 2",
        "divide('1h', `4`) => \"15m0s\"",
        "divide(`7`, `2`) => 3.5",
        "modulo(`7`, `3`) => 1",
        "modulo('7Gi', '2Gi') => \"1Gi\"",
        "modulo('1h30m', '1h') => \"30m0s\"",
        "modulo('90s', '1m0s') => \"30s\"",
        "sum(`[1, 2, 3.5]`) => 6.5",
        "sum(`[\"1Gi\", \"512Mi\", \"256Mi\"]`) => \"1792Mi\"",
        "sum(`[\"1h\", \"30s\"]`) => \"1h0m30s\"",
        "round(`3.14159`, `2`) => 3.14",
        "round(`2.5`, `0`) => 3",
        "round(`-2.5`, `0`) => -3",
        "add('1e3', '1k') => \"2e3\"",
        "add('100M', '1G') => \"1100M\"",
        "add('1Ki', '1') => \"1025\"",
        "add('0', '1Mi') => \"1Mi\"",
        // encodings and hashes
        "base64_encode('hello') => \"aGVsbG8=\"",
        "base64_decode('aGVsbG8=') => \"hello\"",
        "sha256('abc') => \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
        "sha1('abc') => \"a9993e364706816aba3e25717850c26c9cd0d89d\"",
        "md5('abc') => \"900150983cd24fb0d6963f7d28e17f72\"",
        "parse_json('{\"a\": [1, 2]}').a[1] => 2",
        "parse_yaml('{a: yes, b: [1, 2]}') => {\"a\":true,\"b\":[1,2]}",
        "parse_yaml('') => null",
        "semver_compare('1.2.3', '>1.0.0') => true",
        "semver_compare('1.2.3', '>=1.0.0 <1.2.0') => false",
        "semver_compare('1.2.3', '<1.0.0 || >=1.2.0') => true",
        "semver_compare('1.2.3-alpha', '<1.2.3') => true",
        "semver_compare('1.2.3', '1.x') => true",
        "semver_compare('2.0.0', '1.x') => false",
        "semver_compare('v1.2.3', '0.0.0') => true",
        // time
        "time_now_utc() => \"2024-03-05T10:20:30Z\"",
        "time_now() => \"2024-03-05T10:20:30Z\"",
        "time_add('2024-01-01T00:00:00Z', '36h') => \"2024-01-02T12:00:00Z\"",
        "time_to_cron('2024-03-05T10:20:30Z') => \"20 10 5 3 2\"",
        "time_utc('2024-03-05T10:20:30+02:00') => \"2024-03-05T08:20:30Z\"",
        "time_diff('2024-01-01T00:00:00Z', '2024-01-02T01:30:00Z') => \"25h30m0s\"",
        "time_before('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z') => true",
        "time_after('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z') => false",
        "time_between('2024-01-01T12:00:00Z', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z') => true",
        "time_truncate('2024-03-05T10:20:30Z', '1h') => \"2024-03-05T10:00:00Z\"",
        "time_truncate('2024-03-05T10:20:30+05:30', '1h') => \"2024-03-05T09:30:00+05:30\"",
        "time_parse('2006-01-02', '2024-02-29') => \"2024-02-29T00:00:00Z\"",
        "time_parse('Mon Jan _2 15:04:05 MST 2006', 'Tue Mar  5 10:20:30 UTC 2024') => \"2024-03-05T10:20:30Z\"",
        "time_parse('02 Jan 06 15:04 -0700', '05 Mar 24 10:20 +0200') => \"2024-03-05T10:20:00+02:00\"",
        "time_parse('1136239445', '1700000000') => \"2023-11-14T22:13:20Z\"",
        "time_parse('2006-01-02T15:04:05.000Z07:00', '2024-03-05T10:20:30.123Z') => \"2024-03-05T10:20:30Z\"",
        "time_since('', '2024-03-05T10:00:00Z', '') => \"20m30s\"",
        "time_since('', '2024-03-05T10:00:00Z', '2024-03-05T10:00:00.5Z') => \"500ms\"",
        "time_since('2006-01-02', '2024-03-04', '2024-03-05') => \"24h0m0s\"",
        // Go's layouts through the shared core implementation: GMT offsets, days of the year, 12-hour clocks
        "time_parse('2006-01-02 15:04 MST', '2024-03-05 10:20 GMT+3') => \"2024-03-05T10:20:00+03:00\"",
        "time_parse('2006 002', '2024 060') => \"2024-02-29T00:00:00Z\"",
        "time_parse('Jan _2 2006 3:04PM', 'Mar  5 2024 12:05AM') => \"2024-03-05T00:05:00Z\"",
        "time_diff('2024-03-05T10:20:30.5Z', '2024-03-05T10:20:30Z') => \"-500ms\"",
        // images and URLs
        "image_normalize('nginx') => \"docker.io/nginx:latest\"",
        "image_normalize('library/nginx:1.25') => \"docker.io/library/nginx:1.25\"",
        "image_normalize('ghcr.io/org/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') => \"ghcr.io/org/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
        "image_normalize('localhost:5000/app:v1') => \"localhost:5000/app:v1\"",
        "is_external_url('http://10.0.0.1/x') => false",
        "is_external_url('https://127.0.0.1:8443/') => false",
        "is_external_url('https://8.8.8.8/') => true",
        "is_external_url('https://internal.example/') => false",
        "is_external_url('https://public.example/path') => true",
        "is_external_url('http://[fd00::1]/') => false",
    })
    void computesAsKyverno(String expr, String expected) {
        assertEquals(expected, eval(expr));
    }

    @ParameterizedTest(name = "{0} fails: {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "add('1Gi', '1h') => Types mismatch",
        "add('1h', '30m') => Types mismatch",
        "add(`1`, 'abc') => invalid operand",
        "add(`1`, `true`) => invalid operand",
        "divide(`1`, `0`) => Zero divisor passed",
        "divide('1Gi', '0') => Zero divisor passed",
        "modulo(`7.5`, `2`) => Non-integer argument(s) passed for modulo",
        "multiply('1Gi', '1Gi') => Types mismatch",
        "divide(`1`, '1Gi') => Types mismatch",
        "sum(`[]`) => at least one element in the array is required",
        "round(`1.5`, `0.5`) => Non-integer argument(s) passed for round off",
        "regex_match('[', 'x') => error parsing regexp",
        "regex_match('a', `true`) => invalid type for argument 2",
        "base64_decode('not base64!') => illegal base64 data",
        "to_boolean('yes') => lowercase argument must be 'true' or 'false'",
        "parse_json('{') => parse_json",
        "parse_yaml('a: [') => parse_yaml",
        "time_add('2024-01-01', '1h') => parsing time",
        "time_add('2024-01-01T00:00:00Z', '1d') => unknown unit",
        "time_parse('2006-01-02', '2024-02-30') => day out of range",
        "time_parse('2006-01-02', '2024-01-01x') => parsing time \"2024-01-01x\": extra text: \"x\"",
        "time_parse('2006 002', '2023 366') => parsing time \"2023 366\": day-of-year out of range",
        "time_utc('2024-01-01T00:00:00+20:00') => parsing time \"2024-01-01T00:00:00+20:00\"",
        "time_add('2024-01-01T00:00:00Z', '1.2.3s') => time: missing unit in duration \"1.2.3s\"",
        "lookup(arr, `0.5`) => expected an integer number",
        "lookup(labels, `1`) => is not of type String",
        "image_normalize('UPPER CASE') => bad image",
        "x509_decode('not a certificate') => failed to decode PEM block",
        "semver_compare('1.0.0', '>>1') => Could not",
        "is_external_url('https://unknown.example/') => no such host",
        "random('') => no pattern provided",
        "label_match(`[]`, labels) => invalid type",
        "time_now_utc('x') => takes 0 arguments",
    })
    void failsAsKyverno(String expr, String message) {
        JmesPathException e = assertThrows(JmesPathException.class, () -> eval(expr));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void randomMatchesItsPattern() {
        for (String pattern : List.of("[a-z0-9]{8}", "[A-F]{2}-\\d{3}", "(foo|bar)[0-9]?", "x+y*", "[^a-z]{5}", "\\w{4}\\s\\W")) {
            String out = JP.search("random('" + pattern + "')", Json.parse("{}")).textValue();
            assertTrue(com.google.re2j.Pattern.compile("^(?:" + pattern + ")$").matcher(out).find(), pattern + " gave " + out);
        }
    }

    @Test
    void x509DecodeReadsACertificate() throws Exception {
        String pem = TestCertificates.rsaCertificatePem();
        JsonNode doc = Json.MAPPER.createObjectNode().put("pem", pem);
        JsonNode cert = JP.search("x509_decode(pem)", doc);
        assertEquals("palisade-test", cert.path("Subject").path("CommonName").asText(), cert.toString());
        assertEquals("Palisade", cert.path("Subject").path("Organization").get(0).asText());
        assertEquals(1, cert.path("PublicKeyAlgorithm").asInt());
        assertEquals("65537", cert.path("PublicKey").path("E").asText());
        assertTrue(cert.path("PublicKey").path("N").asText().length() > 300);
        assertEquals(TestCertificates.NOT_AFTER, cert.path("NotAfter").asText());
        assertEquals("[2,5,4,3]", cert.path("Subject").path("Names").get(1).path("Type").toString());
        assertTrue(cert.path("Raw").asText().length() > 100);
        assertEquals(4, cert.path("SignatureAlgorithm").asInt());
    }

    @Test
    void theCatalogueHasKyvernosFunctions() {
        List<String> names = JP.functionSignatures();
        for (String f : List.of("regex_match", "replace_all", "split", "parse_yaml", "label_match", "time_now_utc",
                "base64_decode", "random", "base64_encode", "regex_replace_all", "to_upper", "sum", "time_to_cron",
                "parse_json", "round", "time_since", "subtract", "x509_decode", "time_add", "divide", "compare",
                "equal_fold", "replace", "to_lower", "trim", "trim_prefix", "truncate", "semver_compare",
                "regex_replace_all_literal", "pattern_match", "add", "multiply", "modulo", "path_canonicalize",
                "object_from_lists", "lookup", "items", "time_parse", "time_utc", "time_diff", "time_before",
                "time_after", "time_between", "time_truncate", "image_normalize", "is_external_url", "sha256",
                "sha1", "md5", "to_boolean", "time_now")) {
            assertTrue(names.stream().anyMatch(s -> s.startsWith(f + "(")), f);
        }
        assertTrue(names.contains("sum(array) any"), names.toString());
        assertTrue(JmesPath.standard().functionSignatures().contains("sum(array[number]) number"));
    }
}
