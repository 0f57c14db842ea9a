package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** gitignore semantics, case by case as git's documentation describes them. */
class IgnoreRulesTest {

    private static String ignored(List<String> patterns, String path, boolean directory) {
        return IgnoreRules.parse(patterns, List.of()).ignoredBy(path, directory);
    }

    @Test
    void aNameWithoutSlashMatchesAtAnyDepth() {
        assertEquals("values.yaml", ignored(List.of("values.yaml"), "charts/app/values.yaml", false));
        assertEquals("values.yaml", ignored(List.of("values.yaml"), "values.yaml", false));
        assertEquals("*.json", ignored(List.of("*.json"), "a/b/dashboard.json", false));
        assertNull(ignored(List.of("*.json"), "a/json/x.yaml", false));
    }

    @Test
    void aSlashAtTheStartOrMiddleAnchorsAtTheRoot() {
        assertEquals("/build", ignored(List.of("/build"), "build", true));
        assertNull(ignored(List.of("/build"), "src/build", true));
        assertEquals("docs/examples", ignored(List.of("docs/examples"), "docs/examples", true));
        assertNull(ignored(List.of("docs/examples"), "x/docs/examples", true));
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() {
        assertEquals("tmp/", ignored(List.of("tmp/"), "a/tmp", true));
        assertNull(ignored(List.of("tmp/"), "a/tmp", false));
    }

    @Test
    void starsStayWithinASegmentAndDoubleStarsCrossThem() {
        assertNull(ignored(List.of("a/*.yaml"), "a/b/c.yaml", false));
        assertEquals("a/*.yaml", ignored(List.of("a/*.yaml"), "a/c.yaml", false));
        assertEquals("**/test", ignored(List.of("**/test"), "test", true));
        assertEquals("**/test", ignored(List.of("**/test"), "x/y/test", true));
        assertEquals("a/**", ignored(List.of("a/**"), "a/x/y.yaml", false));
        assertNull(ignored(List.of("a/**"), "a", true));
        assertEquals("a/**/b", ignored(List.of("a/**/b"), "a/b", true));
        assertEquals("a/**/b", ignored(List.of("a/**/b"), "a/x/y/b", true));
        assertEquals("v?.yaml", ignored(List.of("v?.yaml"), "v1.yaml", false));
        assertNull(ignored(List.of("v?.yaml"), "v10.yaml", false));
        assertEquals("v[0-9].yaml", ignored(List.of("v[0-9].yaml"), "v7.yaml", false));
        assertNull(ignored(List.of("v[!0-9].yaml"), "v7.yaml", false));
    }

    @Test
    void theLastMatchingPatternDecidesAndNegationReincludes() {
        List<String> patterns = List.of("*.yaml", "!keep.yaml");
        assertNull(ignored(patterns, "dir/keep.yaml", false));
        assertEquals("*.yaml", ignored(patterns, "dir/other.yaml", false));
        assertEquals("keep.yaml", ignored(List.of("!keep.yaml", "keep.yaml"), "keep.yaml", false));
    }

    @Test
    void commentsBlankLinesEscapesAndTrailingSpaces() {
        assertNull(ignored(List.of("# a.yaml", "", "   "), "a.yaml", false));
        assertEquals("\\#a.yaml", ignored(List.of("\\#a.yaml"), "#a.yaml", false));
        assertEquals("\\!a.yaml", ignored(List.of("\\!a.yaml"), "!a.yaml", false));
        assertEquals("a.yaml", ignored(List.of("a.yaml   "), "a.yaml", false));
    }

    @Test
    void aClassGitRejectsMatchesOnlyItsOwnText() {
        assertEquals("[z-a].yaml", ignored(List.of("[z-a].yaml"), "[z-a].yaml", false));
        assertNull(ignored(List.of("[z-a].yaml"), "b.yaml", false));
    }

    @Test
    void extraPatternsComeAfterTheFileAndWin() {
        IgnoreRules rules = IgnoreRules.parse(List.of("!keep.yaml"), List.of("keep.yaml"));
        assertEquals("keep.yaml", rules.ignoredBy("keep.yaml", false));
        IgnoreRules reincluded = IgnoreRules.parse(List.of("*.yaml"), List.of("!keep.yaml"));
        assertNull(reincluded.ignoredBy("keep.yaml", false));
    }
}
