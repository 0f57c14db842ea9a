package dev.palisade.core;

import dev.palisade.core.policy.MatchParser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatchTest {
    private static final NamespaceLabels LABELS = name -> name.equals("prod")
            ? Optional.of(Map.of("env", "prod", "team", "web")) : Optional.empty();

    private static Match parse(String yaml) {
        return MatchParser.parse(TestResources.node(yaml), "match");
    }

    @Test
    void emptyMatchSelectsEverything() {
        assertTrue(Match.ALL.matches(TestResources.pod("a", "p", ""), LABELS));
        assertTrue(parse("{}").matches(TestResources.pod("", "p", ""), LABELS));
    }

    @Test
    void kindsAreGroupTimesKindWithWildcards() {
        Match deployments = parse("kinds: [{apiGroups: [apps], kinds: [Deployment]}]");
        assertTrue(deployments.matchesKind("apps", "Deployment"));
        assertFalse(deployments.matchesKind("", "Deployment"));
        assertFalse(deployments.matchesKind("apps", "StatefulSet"));
        Match anyGroup = parse("kinds: [{apiGroups: ['*'], kinds: [Pod]}]");
        assertTrue(anyGroup.matchesKind("whatever.io", "Pod"));
        Match emptyLists = parse("kinds: [{apiGroups: [], kinds: []}]");
        assertTrue(emptyLists.matchesKind("x", "Y"));
    }

    @Test
    void namespaceGlobsAndExclusions() {
        Match match = parse("namespaces: ['team-*', prod]\nexcludedNamespaces: ['*-sandbox']");
        assertTrue(match.matches(TestResources.pod("team-a", "p", ""), LABELS));
        assertTrue(match.matches(TestResources.pod("prod", "p", ""), LABELS));
        assertFalse(match.matches(TestResources.pod("team-a-sandbox", "p", ""), LABELS));
        assertFalse(match.matches(TestResources.pod("dev", "p", ""), LABELS));
    }

    @Test
    void namespaceCriteriaCannotExcludeClusterScopedObjects() {
        Resource role = TestResources.yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                + "metadata: {name: r}\n");
        assertTrue(parse("namespaces: [prod]").matches(role, LABELS));
        assertTrue(parse("excludedNamespaces: ['*']").matches(role, LABELS));
        assertFalse(parse("namespaces: [prod]\nscope: Namespaced").matches(role, LABELS));
    }

    @Test
    void namespaceObjectsUseTheirOwnName() {
        Resource ns = TestResources.yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system,"
                + " labels: {tier: system}}\n");
        assertFalse(parse("excludedNamespaces: ['kube-*']").matches(ns, LABELS));
        assertTrue(parse("namespaceSelector: {matchLabels: {tier: system}}").matches(ns, LABELS));
        assertTrue(parse("scope: Cluster").matches(ns, LABELS));
        assertFalse(parse("scope: Namespaced").matches(ns, LABELS));
    }

    @Test
    void scopeSplitsNamespacedFromCluster() {
        Resource pod = TestResources.pod("a", "p", "");
        assertFalse(parse("scope: Cluster").matches(pod, LABELS));
        assertTrue(parse("scope: Namespaced").matches(pod, LABELS));
        assertTrue(parse("scope: cluster").matches(pod, LABELS), "invalid scope values match everything");
    }

    @Test
    void namespaceSelectorReadsNamespaceLabelsAndFailsWhenUnknown() {
        Match match = parse("namespaceSelector: {matchExpressions: [{key: env, operator: In, values: [prod]}]}");
        assertTrue(match.matches(TestResources.pod("prod", "p", ""), LABELS));
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> match.matches(TestResources.pod("other", "p", ""), LABELS));
        assertTrue(e.getMessage().contains("Namespace 'other'"), e.getMessage());
    }

    @Test
    void nameGlobAlsoTriesGenerateName() {
        Match match = parse("name: 'web-*'");
        assertTrue(match.matches(TestResources.pod("a", "web-1", ""), LABELS));
        assertFalse(match.matches(TestResources.pod("a", "api-1", ""), LABELS));
        Resource generated = TestResources.yaml("apiVersion: v1\nkind: Pod\nmetadata: {namespace: a, generateName:"
                + " web-}\nspec: {containers: []}\n");
        assertTrue(match.matches(generated, LABELS));
        assertFalse(parse("name: '*-1'").matches(generated, LABELS), "suffix globs cannot match generateName");
    }

    @Test
    void labelSelector() {
        Match match = parse("labelSelector: {matchLabels: {app: web}, matchExpressions: [{key: tier, operator:"
                + " NotIn, values: [test]}, {key: owner, operator: Exists}]}");
        assertTrue(match.matches(TestResources.pod("a", "p", "{app: web, owner: x}"), LABELS));
        assertFalse(match.matches(TestResources.pod("a", "p", "{app: web, owner: x, tier: test}"), LABELS));
        assertFalse(match.matches(TestResources.pod("a", "p", "{app: web}"), LABELS));
    }

    @Test
    void parserNamesTheOffendingField() {
        PalisadeException unknown = assertThrows(PalisadeException.class, () -> parse("kind: [Pod]"));
        assertTrue(unknown.getMessage().contains("match.kind is not a match field"), unknown.getMessage());
        PalisadeException type = assertThrows(PalisadeException.class, () -> parse("namespaces: prod"));
        assertEquals("match.namespaces must be a list", type.getMessage());
        PalisadeException operator = assertThrows(PalisadeException.class,
                () -> parse("labelSelector: {matchExpressions: [{key: a, operator: Includes, values: [b]}]}"));
        assertTrue(operator.getMessage().startsWith("match.labelSelector.matchExpressions[0]"), operator.getMessage());
        assertThrows(PalisadeException.class,
                () -> parse("labelSelector: {matchExpressions: [{key: a, operator: In}]}"));
    }

    @Test
    void withersKeepOtherCriteria() {
        Match match = Match.kinds(KindSelector.of("apps", "Deployment")).withNamespaces(List.of("a"));
        assertEquals(List.of("a"), match.namespaces());
        assertEquals(1, match.kinds().size());
    }
}
