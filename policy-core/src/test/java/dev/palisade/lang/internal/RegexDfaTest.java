package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RegexDfa on the patterns Kubernetes policies use, anchors, code points, and the limits of its subset. */
class RegexDfaTest {
    private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    private static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final String DIGEST_REFERENCE = "^[^@]+@sha256:[a-f0-9]{64}$";
    private static final String SEMVER =
            "^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$";
    private static final String TRUSTED_REGISTRY = "^(registry\\.example\\.com|gcr\\.io)/";

    /** Asserts the DFA exists, answers {@code expected}, and RE2/J answers the same. */
    private static void assertFind(String re, String s, boolean expected) {
        RegexDfa dfa = RegexDfa.compile(re);
        assertNotNull(dfa, re);
        assertEquals(expected, dfa.find(s), () -> re + " on \"" + s + "\"");
        assertEquals(Pattern.compile(re).matcher(s).find(), dfa.find(s), () -> "RE2/J disagrees: " + re + " on " + s);
    }

    @Test
    void dnsLabel() {
        assertFind(DNS_LABEL, "my-app-01", true);
        assertFind(DNS_LABEL, "a", true);
        assertFind(DNS_LABEL, "-app", false);
        assertFind(DNS_LABEL, "app-", false);
        assertFind(DNS_LABEL, "My-app", false);
        assertFind(DNS_LABEL, "my_app", false);
        assertFind(DNS_LABEL, "", false);
    }

    @Test
    void dnsSubdomain() {
        assertFind(DNS_SUBDOMAIN, "api.example.com", true);
        assertFind(DNS_SUBDOMAIN, "api..example.com", false);
        assertFind(DNS_SUBDOMAIN, "api.example.com.", false);
        assertFind(DNS_SUBDOMAIN, "api.-example.com", false);
    }

    @Test
    void imageReferencePinnedByDigest() {
        String digest = "0123456789abcdef".repeat(4);
        assertFind(DIGEST_REFERENCE, "nginx@sha256:" + digest, true);
        assertFind(DIGEST_REFERENCE, "registry.example.com/team/app:1.2@sha256:" + digest, true);
        assertFind(DIGEST_REFERENCE, "nginx@sha256:" + digest.substring(1), false);
        assertFind(DIGEST_REFERENCE, "nginx@sha256:" + digest + "0", false);
        assertFind(DIGEST_REFERENCE, "nginx@sha256:" + digest.toUpperCase(), false);
        assertFind(DIGEST_REFERENCE, "@sha256:" + digest, false);
        assertFind(DIGEST_REFERENCE, "nginx:1.25", false);
    }

    @Test
    void semver() {
        assertFind(SEMVER, "1.2.3", true);
        assertFind(SEMVER, "v10.0.1-rc.1", true);
        assertFind(SEMVER, "01.2.3", false);
        assertFind(SEMVER, "1.2", false);
        assertFind(SEMVER, "1.2.3-", false);
    }

    @Test
    void registryPrefix() {
        assertFind(TRUSTED_REGISTRY, "gcr.io/project/app:1", true);
        assertFind(TRUSTED_REGISTRY, "registry.example.com/app", true);
        assertFind(TRUSTED_REGISTRY, "docker.io/gcr.io/app", false);
        assertFind(TRUSTED_REGISTRY, "registryXexample.com/app", false);
        assertFind(TRUSTED_REGISTRY, "gcr.io", false);
    }

    @Test
    void unanchoredSearchFindsMatchesAnywhere() {
        assertFind("latest", "nginx:latest", true);
        assertFind(":latest$", "nginx:latest", true);
        assertFind(":latest$", "nginx:latest-2", false);
        assertFind("a.c", "xxabcxx", true);
        assertFind("a.c", "xxab\ncxx", false);
    }

    @Test
    void dollarIsEndOfTextOnlyNotBeforeATrailingNewline() {
        assertFind("a$", "a", true);
        assertFind("a$", "a\n", false);
        assertFind("^abc$", "abc\n", false);
        assertFind("a\\n$", "a\n", true);
        assertFind("a$|b", "a\nb", true);
    }

    @Test
    void caretIsStartOfTextWherever() {
        assertFind("a|^b", "b", true);
        assertFind("a|^b", "cb", false);
        assertFind("a|^b", "ca", true);
        assertFind("(^a)", "ba", false);
        assertFind("x*^a", "a", true);
        assertFind("x^a", "xa", false);
        assertFind("\n^a", "\na", false);
    }

    @Test
    void emptyPatternAndEmptyText() {
        assertFind("", "", true);
        assertFind("", "anything", true);
        assertFind("a*", "", true);
        assertFind("a", "", false);
        assertFind("^$", "", true);
        assertFind("$^", "", true);
        assertFind("^$", "\n", false);
        assertFind("()|a", "", true);
    }

    @Test
    void matchesCodePointsNotUtf16Units() {
        assertFind("^.$", "😀", true);
        assertFind("^..$", "😀", false);
        assertFind("^[^a]$", "😀", true);
        assertFind("^[^a]{2}$", "😀", false);
        assertFind("^😀+$", "😀😀", true);
        assertFind("^[é-😀]$", "ü", true);
        assertFind("^\\W$", "é", true);
        assertFind("^.$", "\uD83D", true);
    }

    @Test
    void classesAndEscapes() {
        assertFind("^[]a]+$", "]a]", true);
        assertFind("^[a-]+$", "-a-", true);
        assertFind("^[^\\d\\s]+$", "abc", true);
        assertFind("^[^\\d\\s]+$", "ab c", false);
        assertFind("^\\s$", "\u000B", false);
        assertFind("^[^a]$", "\n", true);
        assertFind("^\\D$", "\n", true);
        assertFind("^\\w+\\.\\-\\/\\\\$", "a_1.-/\\", true);
        assertFind("^a{2,3}$", "aaaa", false);
        assertFind("^a{2,}?$", "aaaa", true);
        assertFind("^(?:ab){0}$", "", true);
        assertFind("^[\\d-z]+$", "1-z", true);
        assertFind("^[\\d-z]+$", "y", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?i)abc", "\\bword", "\\Aa", "a\\z", "\\p{L}", "\\pL", "[[:alpha:]]", "(?P<name>a)",
        "(?<name>a)", "\\x41", "\\101", "\\Qa.b\\E", "a{1001}", "a{2,1}", "a{,3}", "a{01}", "a{", "(a", "a)", "[a",
        "a**", "a*+", "*a", "a|*", "\\", "\\q", "\\_", "\uD800", "[z-a]", "(?m)^a$", "(?s).", "\\C"})
    void unsupportedOrInvalidSyntaxGivesNoAutomaton(String re) {
        assertNull(RegexDfa.compile(re), re);
    }

    @Test
    void automataOverTheStateLimitGiveNoAutomaton() {
        String re = "(a|b)*a(a|b){12}";
        assertNull(RegexDfa.compile(re));
        assertTrue(Pattern.compile(re).matcher("a" + "b".repeat(12)).find(), "RE2/J still answers it");
        RegexDfa small = RegexDfa.compile("(a|b)*a(a|b){3}");
        assertNotNull(small);
        assertTrue(small.stateCount() <= RegexDfa.MAX_STATES);
        assertNull(RegexDfa.compile("x{1000}"));
        assertNull(RegexDfa.compile("((((a{10}){10}){10}){10})"));
    }

    @Test
    void deepNestingGivesNoAutomatonInsteadOfOverflowingTheStack() {
        assertNull(RegexDfa.compile("(".repeat(5000) + "a" + ")".repeat(5000)));
    }

    @Test
    void failsFastOnceAnAnchoredPatternCannotMatch() {
        assertFind("^abc", "x" + "abc".repeat(1000), false);
        assertFind("^abc", "abc" + "x".repeat(1000), true);
    }
}
